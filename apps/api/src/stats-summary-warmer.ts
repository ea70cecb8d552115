// Runs the statistics summary's warm (features/attendance/stats-summary-warm.ts) in the background
// of each API instance: once shortly after start, then every period, so the first statistics call
// after an upgrade, or of the morning, finds the settled class-days already summarised. Several
// instances may warm at once: two filling the same class-day store identical rows at the same epoch
// (upserts), so a duplicate costs work, never a wrong figure; the jitter makes one rare.
import type { WarmOptions, WarmResult } from './features/attendance/stats-summary-warm.ts';

export interface WarmerOptions {
  warm: (opts: WarmOptions) => Promise<WarmResult>;
  /** Between two warms. */
  everyMs: number;
  /** The first warm waits this long after start, plus up to `jitterMs`: instances started together rarely work the same batch. */
  firstAfterMs?: number;
  jitterMs?: number;
  random?: () => number;
  log?: (line: string) => void;
  logError?: (line: string, err: unknown) => void;
}

export interface Warmer {
  /** Stops the warm between batches and the timer; resolves once no warm is running. */
  stop(): Promise<void>;
}

export function startSummaryWarmer(o: WarmerOptions): Warmer {
  const { firstAfterMs = 20_000, jitterMs = 40_000, random = Math.random, log = console.log, logError = console.error } = o;
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  const run = async () => {
    const started = Date.now();
    try {
      const r = await o.warm({ signal: stopping.signal });
      if (r.filled)
        log(
          `Statistics summary: filled ${r.filled} class-days in ${r.batches} batches (${((Date.now() - started) / 1000).toFixed(1)} s)${r.stopped ? ', stopped' : ''}`,
        );
    } catch (err) {
      // Tried again next period: a read fills what it needs meanwhile, as without the warm.
      logError('Statistics summary warm failed', err);
    }
  };
  const next = (ms: number) => {
    if (stopping.signal.aborted) return;
    // Unref'd: the warm never keeps a process alive that has nothing else to do.
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = null;
        next(o.everyMs);
      });
    }, ms).unref();
  };
  next(firstAfterMs + Math.floor(random() * jitterMs));

  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
