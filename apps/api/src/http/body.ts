// Reads a route's JSON body once its caller is known: a public route (sign-in, setup, pairing)
// takes a small body, an authenticated route a modest one, and only the batch routes the large
// BODY_LIMIT. Anyone can reach a public route, so megabytes parsed there cost every caller time.
import { isUtf8 } from 'node:buffer';
import type { Request, Response } from 'express';
import express from 'express';
import type { RouteDef, RouteName } from '@rollcall/contracts';
import type { Actor } from '../shared/actor.ts';
import { ApiError } from './errors.ts';

/** Ample for an email, a password and a name, or a pairing code. */
export const PUBLIC_BODY_LIMIT = '16kb';
/** Ample for any one record an authenticated caller edits. */
export const AUTHENTICATED_BODY_LIMIT = '100kb';
/** No request the app sends nests deeper than a few levels; a deeper one is built to cost parse time. */
export const MAX_JSON_DEPTH = 32;

/** Routes that take batches (embeddings, marks, rosters, consent): BODY_LIMIT, for an authenticated caller only. */
const BATCH_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>([
  'addEmbeddings',
  'addLearnedEmbeddings',
  'postMarks',
  'createClass',
  'setRoster',
  'setConsentBulk',
]);

/** JSON must be UTF-8 (invalid bytes would be stored as U+FFFD and a name silently changed), and shallow. */
function verify(_req: unknown, _res: unknown, buf: Buffer) {
  if (!isUtf8(buf)) throw Object.assign(new Error('invalid UTF-8'), { type: 'encoding.invalid', status: 400 });
  if (depthExceeds(buf, MAX_JSON_DEPTH)) throw new ApiError('invalid-json', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
}

/** Whether arrays and objects nest deeper than `max`, brackets inside strings aside; stops at the first level too deep. */
export function depthExceeds(buf: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next byte, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export type ReadBody = (name: RouteName, def: RouteDef, req: Request, res: Response, actor: Actor | null) => Promise<void>;

/** One body parser per limit, chosen per request from the route and whether the caller is known. */
export function jsonBodyReader(batchLimit: string): ReadBody {
  const parser = (limit: string) => express.json({ limit, strict: true, type: ['application/json', 'application/*+json'], verify });
  const small = parser(PUBLIC_BODY_LIMIT);
  const modest = parser(AUTHENTICATED_BODY_LIMIT);
  const large = parser(batchLimit);
  return (name, def, req, res, actor) => {
    const read = !def.body || def.access === 'public' || !actor ? small : BATCH_ROUTES.has(name) ? large : modest;
    return new Promise((resolve, reject) => read(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
  };
}
