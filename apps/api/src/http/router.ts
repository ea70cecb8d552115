// Binds the contracts' route table to handlers. This is the one place every request passes
// through: who is calling and whether the route's `access` lets them, parsing with the shared
// schemas, and error forwarding.
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { z } from 'zod';
import { routes, wireIssue, type Access, type ParsedRequest, type ResponseOf, type RouteDef, type RouteName, type Routes } from '@rollcall/contracts';
import { scopeOf, type Actor, type Scope } from '../shared/actor.ts';
import type { ReadBody } from './body.ts';
import { ApiError } from './errors.ts';

type JsonRoutes = { [N in RouteName]: Routes[N] extends { stream: true } ? never : N }[RouteName];
type StreamRoutes = Exclude<RouteName, JsonRoutes>;

/** What a handler knows of the caller and of HTTP beyond the parsed request. */
export interface CallContext {
  actor: Actor | null;
  scope: Scope;
  address: string;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, maxAgeMs: number): void;
  clearCookie(name: string): void;
  /** The caller as the same credentials make them now: a long-lived stream re-checks access with it. */
  reauthenticate(): Promise<Actor | null>;
}
/** Handlers of routes whose access is not public always get an actor. */
export type AuthedContext = CallContext & { actor: Actor };

export type Handler<N extends RouteName> = (
  req: ParsedRequest<N>,
  ctx: Routes[N]['access'] extends 'public' ? CallContext : AuthedContext,
) => Promise<ResponseOf<N>>;
export type Handlers = { [N in JsonRoutes]: Handler<N> };
export type StreamHandlers = { [N in StreamRoutes]: (ctx: AuthedContext) => RequestHandler };
export type Authenticate = (credentials: { bearer: string | undefined; session: string | undefined; device: string | undefined }) => Promise<Actor | null>;

export const SESSION_COOKIE = 'rollcall_session';
/** A paired classroom laptop's device token, kept HttpOnly so page scripts never see it. */
export const DEVICE_COOKIE = 'rollcall_device';

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // malformed percent-encoding: no session, not a 500
    }
  }
  return undefined;
}

function bearerOf(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new ApiError('unauthenticated', 'Use "Authorization: Bearer <token>".');
  return m[1];
}

/** The access rule of every route, in one place. */
export function checkAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new ApiError('unauthenticated', 'Sign in first (or send a bearer token).');
  if (access === 'any') return;
  // A paired laptop runs its classes' lessons alone; the services keep it to those classes.
  if (access === 'classroom' && actor.kind === 'device') return;
  if (actor.kind !== 'user') throw new ApiError('forbidden', 'A classroom laptop can run its classes’ lessons only: sign in with your own account for this.');
  if (access === 'admin' && actor.role !== 'admin') throw new ApiError('forbidden', 'Only an admin may do this.');
}

function callContext(req: Request, res: Response, actor: Actor | null, reauthenticate: () => Promise<Actor | null>): CallContext {
  return {
    actor,
    reauthenticate,
    scope: scopeOf(actor),
    address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    cookie: (name) => readCookie(req, name),
    setCookie: (name, value, maxAgeMs) => void res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeMs }),
    clearCookie: (name) => void res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' }),
  };
}

function issuesOf(error: z.ZodError) {
  return error.issues.slice(0, 20).map(wireIssue);
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0];
  const detail = first ? ` ${first.path ? `${first.path}: ` : ''}${first.message}` : '';
  throw new ApiError('validation-failed', `Invalid request ${where}.${detail}`, { where, issues });
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

export function parseRequest(def: RouteDef, req: Request): { params: unknown; query: unknown; body: unknown } {
  if (def.body && hasBody(req) && !req.is('application/json')) {
    throw new ApiError('unsupported-media-type', 'Send the body as JSON (Content-Type: application/json).');
  }
  if (!def.body && req.body !== undefined && hasBody(req)) {
    throw new ApiError('validation-failed', 'This endpoint takes no request body.');
  }
  // Express keeps unknown query keys and arrays for repeated keys: the strict schemas refuse both.
  const query = def.query ? req.query : Object.keys(req.query).length ? req.query : undefined;
  if (!def.query && query !== undefined) throw new ApiError('validation-failed', 'This endpoint takes no query parameters.');
  return {
    params: parsePart(def.params, { ...req.params }, 'params'),
    query: parsePart(def.query, query ?? {}, 'query'),
    body: parsePart(def.body, req.body, 'body'),
  };
}

export interface RouterOptions {
  validateResponses: boolean;
  /** Per-route request limits, applied once the caller is known and before the request is parsed. */
  limits?: Partial<Record<RouteName, (actor: Actor) => Promise<void>>>;
  /** Reads the JSON body once the caller is known and allowed: nobody makes the server parse before that. */
  readBody: ReadBody;
}

export function buildRouter(handlers: Handlers, streams: StreamHandlers, authenticate: Authenticate, opts: RouterOptions): Router {
  const router = express.Router();
  // Every answer under /api is someone's personal data (names, marks, face vectors): no browser,
  // proxy or shared computer keeps a copy, and errors are no exception.
  router.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const identify = async (name: RouteName, def: RouteDef, req: Request, res: Response) => {
    // A person signed in on a paired laptop acts as themselves; signed out, the laptop is the device again.
    const credentials = { bearer: bearerOf(req), session: readCookie(req, SESSION_COOKIE), device: readCookie(req, DEVICE_COOKIE) };
    const actor = await authenticate(credentials);
    // Known before access is checked, so even a refusal is said in the person's language (http/errors.ts).
    if (actor?.kind === 'user' && actor.language) res.locals.language = actor.language;
    checkAccess(def.access, actor);
    const limit = opts.limits?.[name];
    if (limit && actor) await limit(actor);
    return callContext(req, res, actor, () => authenticate(credentials));
  };
  for (const [name, def] of Object.entries(routes) as [RouteName, RouteDef][]) {
    const method = def.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    if (def.stream) {
      router[method](def.path, async (req, res, next) => {
        try {
          const ctx = (await identify(name, def, req, res)) as AuthedContext;
          streams[name as StreamRoutes](ctx)(req, res, next);
        } catch (err) {
          next(err);
        }
      });
      continue;
    }
    const handler = handlers[name as JsonRoutes] as (req: unknown, ctx: CallContext) => Promise<unknown>;
    router[method](def.path, async (req, res, next) => {
      try {
        // Who before what: an anonymous caller learns nothing from validation messages.
        const ctx = await identify(name, def, req, res);
        await opts.readBody(name, def, req, res, ctx.actor);
        const parsed = parseRequest(def, req);
        const result = await handler(parsed, ctx);
        // Outside production every answer is checked against its own contract.
        if (opts.validateResponses) {
          const check = def.response.safeParse(result);
          if (!check.success) throw new Error(`response of ${name} breaks its contract: ${JSON.stringify(issuesOf(check.error))}`);
        }
        res.status(def.status ?? 200).json(result);
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
