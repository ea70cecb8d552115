// The storage contract behind an Outbox. The web app implements it with Dexie (IndexedDB); Node
// simulations and tests use MemoryOutboxStore. The contract tests in `@rollcall/sync/testing`
// (outboxStoreContract) check an implementation against every rule below.
import type { NewMark } from '@rollcall/contracts';

/**
 * Why a mark was set aside: the API's rejection reason (forbidden: the student or session is in a
 * class this device or user may not mark; time-out-of-range: the mark's time is ahead of the
 * server's clock or outside what its lesson allows, so this device's clock is wrong; `rejected`
 * when the API gave no reason we know), or
 * `invalid` when the API refused the mark itself (a 400 isolated by bisection).
 */
export type FailureReason = 'student-not-found' | 'session-not-found' | 'forbidden' | 'time-out-of-range' | 'rejected' | 'invalid';

export interface MarkFailure {
  id: string;
  reason: FailureReason;
  /** Human-readable detail for the UI and logs, e.g. the API's validation message. */
  detail?: string;
}

export interface FailedMark {
  mark: NewMark;
  reason: FailureReason;
  detail?: string;
  /** Epoch milliseconds when it was set aside. */
  failedAt: number;
}

export interface OutboxCounts {
  pending: number;
  failed: number;
}

/**
 * Rules every implementation keeps (all methods async; none may lose a mark):
 * - `put(mark)` resolves only once the mark is durable (committed to IndexedDB, not merely queued):
 *   the caller shows the mark as taken as soon as put resolves, and a reload must not lose it.
 *   The mark becomes pending, last in order. A mark whose id is already stored (pending or failed)
 *   is replaced by this one and becomes pending again, last in order: putting twice is harmless.
 * - `listPending(limit)` returns up to `limit` pending marks, oldest put first.
 * - `remove(ids)` deletes those marks, pending or failed; unknown ids are ignored.
 * - `markFailed(failures)` moves those pending marks out of the pending list into the failed set
 *   with their reason, atomically per call; ids not pending are ignored (another sender confirmed them).
 * - `listFailed()` returns every failed mark, oldest failure first.
 * - `count()` counts pending and failed marks.
 * Several tabs may share one store: each call must be atomic on its own; no call may rely on
 * state kept between calls.
 */
export interface OutboxStore {
  put(mark: NewMark): Promise<void>;
  listPending(limit: number): Promise<NewMark[]>;
  remove(ids: readonly string[]): Promise<void>;
  markFailed(failures: readonly MarkFailure[], at: number): Promise<void>;
  listFailed(): Promise<FailedMark[]>;
  count(): Promise<OutboxCounts>;
}
