// The one module that touches the network: the contracts' client over the whole route table, with
// the page's session cookie. Every failure is a ClientError with a code from the closed set, and
// the session owner hears each one (a 401 pauses the sender and the roster sync).
import {
  ClientError,
  createClient,
  routes,
  type CallOptions,
  type RouteDef,
  type ClientErrorCode,
  type JsonRouteName,
  type RequestInput,
  type ResponseOf,
} from '@rollcall/contracts';

type ErrorListener = (err: ClientError, route: RouteDef) => void;
const errorListeners = new Set<ErrorListener>();

/** Hears every failed API call (the session owner uses it); returns the unsubscribe function. */
export function onApiError(listener: ErrorListener): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

function heard(err: ClientError, route: RouteDef): void {
  for (const l of [...errorListeners]) l(err, route);
}

export const api = createClient(routes, { credentials: 'same-origin', onError: heard });

/** The same client for the outbox sender and the roster sync (@rollcall/sync's transport options). */
export const apiClientOptions = { credentials: 'same-origin', onError: heard } as const;

/** Pages call `call(name, args)`: the one client, addressed by route name. */
export function call<N extends JsonRouteName>(name: N, args: Partial<RequestInput<N>> = {}, init: CallOptions = {}): Promise<ResponseOf<N>> {
  const method = api[name] as (args: object, opts: CallOptions) => Promise<ResponseOf<N>>;
  return method(args, init);
}

/** The one error type of every client (kept under the web app's old name so pages read the same). */
export { ClientError as ApiClientError, type ClientErrorCode };
