// The one error every Rollcall client throws (web app, outbox sender, roster sync, CLI, API tests):
// the API's code from the closed set, or a client-side one for a request that got no usable answer.
import type { ErrorCode } from '../errors.ts';

/** network: no answer (offline, reset, DNS). timeout: no answer in time. bad-response: an answer that breaks the contract. http-NNN: an error status without one of our codes (a proxy's 502 page). */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout' | 'bad-response' | `http-${number}`;

/** Where the failure happened: before any answer, in an error status, or in an answer we cannot read. */
export type FailureKind = 'network' | 'timeout' | 'http' | 'bad-response';

export interface ClientErrorInit {
  /** HTTP status; 0 when no answer arrived. */
  status?: number;
  /** From a Retry-After header: the server asks not to be called again sooner. */
  retryAfterMs?: number;
  /** The API's error details (validation issues, ...). */
  details?: unknown;
  /** The request that failed, e.g. "POST /api/attendance" (kept out of the message, which the UI shows as is). */
  route?: string;
  cause?: unknown;
}

export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly status: number;
  readonly retryAfterMs: number | undefined;
  readonly details: unknown;
  readonly route: string | undefined;

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    init: ClientErrorInit = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status ?? 0;
    this.retryAfterMs = init.retryAfterMs;
    this.details = init.details;
    this.route = init.route;
  }

  get kind(): FailureKind {
    if (this.code === 'network' || this.code === 'timeout' || this.code === 'bad-response') return this.code;
    return 'http';
  }
}

/** Any thrown value as a ClientError (code that throws something else has a bug, which callers still treat as a lost answer). */
export function asClientError(err: unknown): ClientError {
  if (err instanceof ClientError) return err;
  return new ClientError('network', err instanceof Error ? err.message : String(err), { cause: err });
}
