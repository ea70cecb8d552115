// The one module that touches the network. Calls are typed end to end by the contracts' route
// table; failures become ApiClientError with a code from the closed set.
import {
  buildPath, isErrorCode, routes,
  type ErrorCode, type RequestInput, type ResponseOf, type RouteName,
} from '@rollcall/contracts';

export class ApiClientError extends Error {
  constructor(readonly code: ErrorCode | 'network', message: string, readonly status: number, readonly details?: unknown) {
    super(message);
    this.name = 'ApiClientError';
  }
}

type Args<N extends RouteName> = Partial<RequestInput<N>>;

export async function call<N extends RouteName>(name: N, args: Args<N> = {}, init: { signal?: AbortSignal } = {}): Promise<ResponseOf<N>> {
  const def = routes[name];
  let url = buildPath(def.path, (args.params ?? {}) as Record<string, string>);
  const query = args.query as Record<string, unknown> | undefined;
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) qs.set(k, String(v));
    if ([...qs].length) url += `?${qs}`;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: def.method,
      headers: args.body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(args.body !== undefined && { body: JSON.stringify(args.body) }),
      credentials: 'same-origin',
      ...(init.signal && { signal: init.signal }),
    });
  } catch (err) {
    throw new ApiClientError('network', err instanceof Error ? err.message : 'network error', 0);
  }
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const code = isErrorCode(error?.code) ? error.code : 'internal';
    throw new ApiClientError(code, typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`, res.status, error?.details);
  }
  // Parse, don't cast: a server of another version fails here with a clear message.
  const parsed = def.response.safeParse(body);
  if (!parsed.success) throw new ApiClientError('internal', `Unexpected answer from ${def.method} ${def.path}`, res.status);
  return parsed.data as ResponseOf<N>;
}
