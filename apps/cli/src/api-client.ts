// The CLI's one door to the Rollcall API: JSON over fetch with a bearer token, every response
// parsed with the schema from @rollcall/contracts, errors turned into ApiCallError with the code.
import { isErrorCode, type ErrorCode } from '@rollcall/contracts';
import type { z } from 'zod';

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(readonly status: number, readonly code: ErrorCode | 'network' | 'bad-response', message: string) {
    super(message);
  }
}

export interface ApiClient {
  readonly base: string;
  call<T extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: T, body?: unknown): Promise<z.infer<T>>;
}

export function apiClient(base: string, token: string | undefined): ApiClient {
  const root = base.replace(/\/+$/, '');
  return {
    base: root,
    async call(method, path, schema, body) {
      let res: Response;
      try {
        res = await fetch(root + path, {
          method,
          headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: body !== undefined ? JSON.stringify(body) : undefined,
        });
      } catch (e) {
        throw new ApiCallError(0, 'network', `cannot reach the API at ${root}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const json: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const err = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
        const code = isErrorCode(err?.code) ? err.code : 'bad-response';
        throw new ApiCallError(res.status, code, `${method} ${path}: ${res.status} ${typeof err?.message === 'string' ? err.message : res.statusText}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new ApiCallError(res.status, 'bad-response', `${method} ${path}: unexpected response (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      return parsed.data;
    },
  };
}
