// How long to wait before resending after a failure: exponential, capped, with jitter so a
// classroom of laptops that lost the server together do not all come back in the same second.
import type { ClientError } from '@rollcall/contracts';

export interface BackoffPolicy {
  /** The first step (default 1 s). */
  minMs: number;
  /** No step is longer (default 60 s). */
  maxMs: number;
  /** Growth per failed attempt (default 2). */
  factor: number;
  /** A Retry-After longer than this is shortened to it (default 5 min): a misconfigured proxy must not park a device for a day. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { minMs: 1_000, maxMs: 60_000, factor: 2, maxRetryAfterMs: 300_000 };

/** Delay after the attempt-th consecutive failure (1-based): between half and all of min(maxMs, minMs * factor^(attempt-1)). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.minMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** The backoff delay, but never sooner than the server's Retry-After asked. */
export function retryDelay(
  error: Pick<ClientError, 'retryAfterMs'> | undefined,
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const delay = backoffDelay(attempt, policy, random);
  const asked = error?.retryAfterMs;
  return asked === undefined ? delay : Math.max(delay, Math.min(asked, policy.maxRetryAfterMs));
}
