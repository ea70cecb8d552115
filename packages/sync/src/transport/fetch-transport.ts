// The fetch-based client for the two sync routes, in the browser and in Node 20+. Requests are
// built from the contracts' route table, answers parsed with its schemas, and every failure
// becomes a TransportError; a request that hangs is aborted after timeoutMs.
import {
  isErrorCode, PostMarksResult, routes, SyncResponse,
  type NewMark, type PostMarksResult as PostMarksResultT, type RouteDef, type SyncResponse as SyncResponseT,
} from '@rollcall/contracts';
import { parseRetryAfter } from './retry-after.ts';
import { TransportError } from './transport-error.ts';
import type { CallOptions, MarkTransport, SyncClient, SyncQueryInput } from './transport.ts';

export interface FetchTransportOptions {
  /** Origin of the API, e.g. "http://127.0.0.1:3000"; '' (default) for the page's own origin. */
  baseUrl?: string;
  /** Extra headers per request, e.g. `() => ({ authorization: \`Bearer ${token}\` })`. Called for every request so a renewed token is used at once. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Defaults to globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** Abort a request with no complete answer after this long (default 30 s). */
  timeoutMs?: number;
  /** Browser cookie policy (default 'same-origin'). */
  credentials?: RequestCredentials;
  now?: () => number;
}

export type FetchTransport = MarkTransport & SyncClient;

/** The part of a contracts schema used here (keeps zod itself out of this package's imports). */
interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function fetchTransport(options: FetchTransportOptions = {}): FetchTransport {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  async function request<T>(def: RouteDef, schema: Parser<T>, url: string, body: unknown, opts: CallOptions = {}): Promise<T> {
    const fetchFn = options.fetch ?? globalThis.fetch;
    const headers: Record<string, string> = { accept: 'application/json', ...(await options.headers?.()) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const what = `${def.method} ${def.path}`;
    const noAnswer = (err: unknown) =>
      timedOut
        ? new TransportError('timeout', 'timeout', `${what}: no answer within ${timeoutMs} ms`, 0, undefined, { cause: err })
        : new TransportError('network', 'network', `${what}: ${err instanceof Error ? err.message : String(err)}`, 0, undefined, { cause: err });
    try {
      let res: Response;
      try {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
        res = await fetchFn(base + url, {
          method: def.method,
          headers,
          credentials: options.credentials ?? 'same-origin',
          signal: controller.signal,
          ...(body !== undefined && { body: JSON.stringify(body) }),
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
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new TransportError('bad-response', 'bad-response', `${what}: the answer does not match the contract`, res.status);
      return parsed.data;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    postMarks(marks: NewMark[], opts?: CallOptions) {
      const def = routes.postMarks;
      return request<PostMarksResultT>(def, PostMarksResult, def.path, { marks }, opts);
    },
    sync(query: SyncQueryInput, opts?: CallOptions) {
      const def = routes.sync;
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) qs.set(k, String(v));
      const search = qs.toString();
      return request<SyncResponseT>(def, SyncResponse, search ? `${def.path}?${search}` : def.path, undefined, opts);
    },
  };
}

function httpError(what: string, res: Response, json: unknown, now: number): TransportError {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = isErrorCode(error?.code) ? error.code : (`http-${res.status}` as const);
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`;
  return new TransportError('http', code, `${what}: ${message}`, res.status, parseRetryAfter(res.headers.get('retry-after'), now));
}
