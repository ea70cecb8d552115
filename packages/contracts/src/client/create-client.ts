// Builds a typed client from a route table: one method per JSON route, requests built from the
// route's method and path, answers parsed with its response schema, every failure a ClientError.
// The web app, the outbox sender, the roster sync, the CLI and the API tests all call through it.
import type { z } from 'zod';
import { isErrorCode } from '../errors.ts';
import { buildPath, type RouteDef } from '../api.ts';
import { ClientError } from './client-error.ts';
import { parseRetryAfter } from './retry-after.ts';

type In<D, K extends string> = D extends Record<K, infer S extends z.ZodType> ? z.input<S> : never;
type Part<D, K extends string> = [In<D, K>] extends [never]
  ? { [P in K]?: never }
  : undefined extends In<D, K>
    ? { [P in K]?: In<D, K> }
    : // A query has defaults for everything a caller may leave out: it is never required.
      K extends 'query'
      ? { [P in K]?: In<D, K> }
      : { [P in K]: In<D, K> };

/** What a caller passes for a route: params, query and body where the route has them. */
export type CallArgs<D extends RouteDef> = Part<D, 'params'> & Part<D, 'query'> & Part<D, 'body'>;

export interface CallOptions {
  signal?: AbortSignal;
}

type Method<D extends RouteDef> =
  Record<never, never> extends CallArgs<D>
    ? (args?: CallArgs<D>, opts?: CallOptions) => Promise<z.output<D['response']>>
    : (args: CallArgs<D>, opts?: CallOptions) => Promise<z.output<D['response']>>;

/** One method per route that answers with JSON; streams (Server-Sent Events) are opened with routeUrl. */
export type Client<R extends Record<string, RouteDef>> = {
  [N in keyof R as R[N] extends { stream: true } ? never : N]: Method<R[N]>;
};

export interface ClientOptions {
  /** Origin of the API, e.g. "http://127.0.0.1:3000"; '' (default) for the page's own origin. */
  baseUrl?: string;
  /** Browser cookie policy (default 'same-origin'): the web app signs in with an HttpOnly cookie. */
  credentials?: RequestCredentials;
  /** A bearer token, or a function read before every request so a renewed token is used at once. */
  token?: string | (() => string | null | undefined | Promise<string | null | undefined>);
  /** Defaults to globalThis.fetch, read at each call. */
  fetch?: typeof globalThis.fetch;
  /** Abort a request with no complete answer after this long (default 30 s). */
  timeoutMs?: number;
  /** Hears every failure before it is thrown: the web app's session owner pauses its workers on a 401. */
  onError?: (error: ClientError, route: RouteDef) => void;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The URL of a route with its params and query, relative to baseUrl. */
export function routeUrl(def: RouteDef, args: { params?: unknown; query?: unknown } = {}, baseUrl = ''): string {
  let url = baseUrl.replace(/\/+$/, '') + buildPath(def.path, (args.params ?? {}) as Record<string, string>);
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries((args.query ?? {}) as Record<string, unknown>)) if (v !== undefined && v !== null) qs.set(k, String(v));
  const search = qs.toString();
  if (search) url += `?${search}`;
  return url;
}

export function createClient<R extends Record<string, RouteDef>>(table: R, options: ClientOptions = {}): Client<R> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  async function request(def: RouteDef, args: { params?: unknown; query?: unknown; body?: unknown }, opts: CallOptions): Promise<unknown> {
    const what = `${def.method} ${def.path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (args.body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const noAnswer = (err: unknown) =>
      timedOut
        ? new ClientError('timeout', `No answer within ${timeoutMs} ms.`, { cause: err, route: what })
        : new ClientError('network', `Cannot reach the API (${err instanceof Error ? err.message : String(err)}).`, { cause: err, route: what });
    try {
      let res: Response;
      try {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
        res = await (options.fetch ?? globalThis.fetch)(routeUrl(def, args, options.baseUrl), {
          method: def.method,
          headers,
          credentials: options.credentials ?? 'same-origin',
          signal: controller.signal,
          ...(args.body !== undefined && { body: JSON.stringify(args.body) }),
        });
      } catch (err) {
        throw noAnswer(err);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (err) {
        // The connection dropped while the answer was arriving: the server may have acted on it.
        throw noAnswer(err);
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (!res.ok) throw httpError(what, res, json, now());
      // Parse, don't cast: a server of another version fails here with a clear message.
      const parsed = def.response.safeParse(json);
      if (!parsed.success)
        throw new ClientError('bad-response', `The answer does not match the contract (${parsed.error.issues[0]?.message ?? 'invalid'}).`, {
          status: res.status,
          route: what,
        });
      return parsed.data;
    } catch (err) {
      if (err instanceof ClientError) options.onError?.(err, def);
      throw err;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  const client: Record<string, (args?: object, opts?: CallOptions) => Promise<unknown>> = {};
  for (const [name, def] of Object.entries(table)) {
    if (def.stream) continue;
    client[name] = (args = {}, opts = {}) => request(def, args, opts);
  }
  return client as Client<R>;
}

function httpError(what: string, res: Response, json: unknown, now: number): ClientError {
  const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const code = isErrorCode(error?.code) ? error.code : (`http-${res.status}` as const);
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`;
  return new ClientError(code, message, {
    status: res.status,
    retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now),
    details: error?.details,
    route: what,
  });
}
