// Fills the statistics summary ahead of the reads (stats-summary.ts): every settled class-day of the
// whole school that holds no trusted summary, newest days first (this week's statistics are asked
// most), one bounded batch at a time with a pause between, so that no admin's first call after an
// upgrade, or of the morning, pays for the district's term. What it stores is exactly what a read
// would have stored: the live queries' figures tagged with the epochs read before computing them.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Executor } from '../../shared/context.ts';
import { classDayBatches, classDayKey, type ClassDay } from './class-day-batches.ts';
import { computeSummaries, SETTLE_MS, storeSummaries } from './stats-summary.ts';
import * as summary from './stats-summary.repository.ts';

export interface WarmOptions {
  /** Stops the warm between batches (the batch being computed is finished and stored). */
  signal?: AbortSignal;
  /** The pause between two batches, so the instance keeps serving and the database is not kept busy. */
  pauseMs?: number;
}

export interface WarmResult {
  /** Class-days summarised by this warm. */
  filled: number;
  /** Batches computed. */
  batches: number;
  /** Whether the signal stopped it before every missing class-day was done. */
  stopped: boolean;
}

export const WARM_PAUSE_MS = 500;

export async function warmSummary(db: Executor, now: number, opts: WarmOptions = {}): Promise<WarmResult> {
  const { signal, pauseMs = WARM_PAUSE_MS } = opts;
  const result: WarmResult = { filled: 0, batches: 0, stopped: false };
  // Only what is missing comes back: after the first fill, no row on most runs, a morning's class-days on the next.
  const missing = await summary.missingClassDays(db, now - SETTLE_MS);
  // Batches come oldest first: taken the other way round, the newest days are filled first.
  const batches = classDayBatches(missing).reverse();
  for (const [i, b] of batches.entries()) {
    if (signal?.aborted) return { ...result, stopped: true };
    if (i > 0 && pauseMs > 0) {
      try {
        await sleep(pauseMs, undefined, { signal });
      } catch {
        return { ...result, stopped: true };
      }
    }
    const range = { ...b, now };
    // Looked at again per batch: a read, or another instance, may have filled some of it meanwhile.
    // The epochs first: what is computed below is tagged with what they were before it.
    const epochs = await summary.currentEpochs(db, b.classIds);
    const done = new Set((await summary.trustedClassDays(db, range)).map((c) => classDayKey(c.classId, c.day)));
    const classes = new Set(b.classIds);
    const todo: ClassDay[] = missing.filter((c) => c.day >= b.from && c.day <= b.to && classes.has(c.classId) && !done.has(classDayKey(c.classId, c.day)));
    if (todo.length === 0) continue;
    const computed = await computeSummaries(db, range, todo, epochs);
    await storeSummaries(db, computed);
    result.filled += computed.summaries.length;
    result.batches++;
  }
  return result;
}
