// Every way a request can fail, reduced to what the sender must do about it: retry later,
// split the batch, or stop until someone signs in again.
import type { ErrorCode } from '@rollcall/contracts';

/** network: no answer (offline, reset, DNS). timeout: no answer in time. http: an error status. bad-response: an answer that breaks the contract. */
export type FailureKind = 'network' | 'timeout' | 'http' | 'bad-response';

/** The API's own codes plus the client-side ones for failures that never reached a status. */
export type TransportErrorCode = ErrorCode | 'network' | 'timeout' | 'bad-response' | `http-${number}`;

/** What the sender does with a failed batch. */
export type FailureAction = 'retry' | 'split' | 'unauthorized';

export class TransportError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: TransportErrorCode,
    message: string,
    /** HTTP status, 0 when no answer arrived. */
    readonly status = 0,
    /** From a Retry-After header: the server asks not to be called again sooner. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }

  /**
   * 400/413/422 say this batch is wrong (a poisoned mark or one too large): splitting finds it.
   * 401/403 mean resending cannot help until the user signs in. Everything else (5xx, 429, a 404
   * from a proxy in the middle of a deploy, a timeout) may pass later: failing the marks for it
   * would strand good marks, so the sender retries them.
   */
  get action(): FailureAction {
    if (this.kind !== 'http') return 'retry';
    if (this.status === 401 || this.status === 403) return 'unauthorized';
    if (this.status === 400 || this.status === 413 || this.status === 422) return 'split';
    return 'retry';
  }
}

/** Any thrown value as a TransportError (a transport that throws something else has a bug, which we still retry). */
export function asTransportError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new TransportError('network', 'network', message, 0, undefined, { cause: err });
}
