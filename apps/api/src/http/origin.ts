// Cross-site request forgery guard: an unsafe method (POST, PUT, PATCH, DELETE) from a browser on
// another site is refused, body or not (SameSite=Lax cookies already stop most, but not a
// same-site attacker, and a bodyless POST such as sign-out or purge needs no preflight). Callers
// without Origin or Sec-Fetch-Site (the CLI, devices, curl) are not browsers and pass.
import type { RequestHandler } from 'express';
import { ApiError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, file://) and garbage are foreign
  }
}

export function sameOriginWrites(corsOrigins: string[]): RequestHandler {
  const allowed = new Set(corsOrigins);
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    // The scheme is not compared: behind a TLS proxy without TRUST_PROXY the API sees http for an https page.
    const ok =
      origin !== undefined ? allowed.has(origin) || hostOf(origin) === req.headers.host : site === undefined || site === 'same-origin' || site === 'none';
    next(ok ? undefined : new ApiError('forbidden', 'Cross-site request refused: open Rollcall from its own address.'));
  };
}
