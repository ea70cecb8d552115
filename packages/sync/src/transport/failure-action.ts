// Every way a request can fail, reduced to what the sender must do about it: retry later,
// split the batch, or stop until someone signs in again.
import type { ClientError } from '@rollcall/contracts';

/** What the sender does with a failed batch. */
export type FailureAction = 'retry' | 'split' | 'unauthorized';

/**
 * 400/413/422 say this batch is wrong (a poisoned mark or one too large): splitting finds it.
 * 401/403 mean resending cannot help until the user signs in. Everything else (5xx, 429, a 404
 * from a proxy in the middle of a deploy, a timeout) may pass later: failing the marks for it
 * would strand good marks, so the sender retries them.
 */
export function failureAction(err: ClientError): FailureAction {
  if (err.kind !== 'http') return 'retry';
  if (err.status === 401 || err.status === 403) return 'unauthorized';
  if (err.status === 400 || err.status === 413 || err.status === 422) return 'split';
  return 'retry';
}
