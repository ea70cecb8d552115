// Plain http on a school name (http://rollcall.school.lan:8080): the browser gives such a page no
// camera, no service worker and no crypto.randomUUID, and anyone on the network can read a
// password sent over it. So the page is one sentence naming the https address to open instead,
// and the first-run setup, sign-in and laptop pairing are refused with 'insecure-connection'.
// Loopback names stay open: the browser treats http://localhost as secure, and nothing leaves the machine.
import type { Request, RequestHandler } from 'express';
import { ApiError } from './errors.ts';

/** Where a password or pairing code is sent: refused over an insecure connection. */
const CREDENTIAL_POSTS = new Set(['/api/auth/setup', '/api/auth/sign-in', '/api/devices/pair']);

/** The host part of a Host header, without its port; '' when absent or malformed. */
export function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** The names a browser treats as secure over plain http (localhost, *.localhost, 127.0.0.0/8, ::1). */
export function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

const isLoopbackAddress = (address: string | undefined) => !!address && /^(::1|127(\.\d{1,3}){3}|::ffff:127(\.\d{1,3}){3})$/.test(address);

/**
 * Whether the request is known to have come over https: directly, as a trusted proxy says, or as a
 * proxy on this same machine says. A proxy on loopback is believed even without TRUST_PROXY: only
 * this machine can send from there, and it could reach http://localhost anyway. False means plain
 * http or a proxy we cannot believe, not certainly plain http.
 */
export function cameOverHttps(req: Request): boolean {
  if (req.secure) return true;
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https' && isLoopbackAddress(req.socket.remoteAddress);
}

/** Whether the browser reached us securely: over https, or on a loopback name (which browsers trust over http). */
export function isSecureRequest(req: Request): boolean {
  return cameOverHttps(req) || isLoopbackName(hostnameOf(req.headers.host));
}

/** The one sentence a teacher reads on a plain-http page: the address to open, or who can make one. */
export function insecureSentence(publicUrl: string | null): string {
  return publicUrl
    ? `Open Rollcall at ${publicUrl} instead: this plain http address cannot use the camera or keep passwords private.`
    : 'Rollcall needs a secure (https) address and this one is plain http: ask whoever runs the Rollcall server to set up HTTPS and set PUBLIC_URL to its https address.';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The whole page: the sentence, with the address as a link when there is one. */
export function insecurePage(publicUrl: string | null): string {
  const sentence = escapeHtml(insecureSentence(publicUrl));
  const body = publicUrl ? sentence.replace(escapeHtml(publicUrl), `<a href="${escapeHtml(publicUrl)}">${escapeHtml(publicUrl)}</a>`) : sentence;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Open the secure address – Rollcall</title></head><body style="font: 1.25rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem"><h1>Rollcall</h1><p role="alert">${body}</p></body></html>`;
}

/** Wants a page (a navigation), not an API answer, the health check or a file the page loads. */
const wantsPage = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !req.path.startsWith('/api/') &&
  req.path !== '/health' &&
  (req.headers['sec-fetch-mode'] === 'navigate' || (req.headers.accept ?? '').includes('text/html'));

export function insecureConnection(publicUrl: string | null): RequestHandler {
  return (req, res, next) => {
    if (isSecureRequest(req)) return next();
    if (req.method === 'POST' && CREDENTIAL_POSTS.has(req.path)) return next(new ApiError('insecure-connection', insecureSentence(publicUrl)));
    if (!wantsPage(req)) return next();
    res.status(403).type('html').setHeader('Cache-Control', 'no-store');
    res.send(insecurePage(publicUrl));
  };
}
