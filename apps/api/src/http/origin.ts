// Cross-site request forgery guard: an unsafe method (POST, PUT, PATCH, DELETE) from a browser on
// another site is refused, body or not (SameSite=Lax cookies already stop most, but not a
// same-site attacker, and a bodyless POST such as sign-out or purge needs no preflight). Callers
// without Origin or Sec-Fetch-Site (the CLI, devices, curl) are not browsers and pass.
import type { Request, RequestHandler } from 'express';
import { ApiError } from './errors.ts';
import { cameOverHttps } from './insecure.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether Origin names this server: its host, and its scheme when the request is known to have
 * come over https (an http page on the same name is another origin, one a network attacker can
 * serve). Behind a TLS proxy we cannot believe, the API sees http for an https page, so there the
 * scheme is left to Sec-Fetch-Site.
 */
function isOwnOrigin(origin: string, req: Request): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage are foreign
  }
  return url.host === req.headers.host && (url.protocol === 'https:' || !cameOverHttps(req));
}

export function sameOriginWrites(corsOrigins: string[]): RequestHandler {
  const allowed = new Set(corsOrigins);
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    // The browser's own verdict, scheme and port included, outranks our reading of Origin and Host.
    const browserSaysOwn = site === undefined || site === 'same-origin' || site === 'none';
    const ok = origin !== undefined && allowed.has(origin) ? true : browserSaysOwn && (origin === undefined || isOwnOrigin(origin, req));
    next(ok ? undefined : new ApiError('forbidden', 'Cross-site request refused: open Rollcall from its own address.'));
  };
}
