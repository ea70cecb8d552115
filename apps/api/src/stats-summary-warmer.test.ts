// The background warm's schedule, on a fake clock: first run after the jittered delay, then every
// period; a failure is logged and tried again next period; stop aborts the run and waits for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.ts';
import type { WarmOptions, WarmResult } from './features/attendance/stats-summary-warm.ts';
import { startSummaryWarmer } from './stats-summary-warmer.ts';

const done: WarmResult = { filled: 0, batches: 0, stopped: false };

describe('statistics summary warmer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warms after the jittered first delay, then every period, and carries on after a failure', async () => {
    const warm = vi.fn<(o: WarmOptions) => Promise<WarmResult>>().mockRejectedValueOnce(new Error('database gone')).mockResolvedValue(done);
    const logError = vi.fn();
    const warmer = startSummaryWarmer({ warm, everyMs: 900_000, firstAfterMs: 20_000, jitterMs: 40_000, random: () => 0.5, log: () => {}, logError });
    await vi.advanceTimersByTimeAsync(39_999);
    expect(warm).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(warm).toHaveBeenCalledTimes(1);
    expect(logError).toHaveBeenCalledWith('Statistics summary warm failed', expect.any(Error));
    await vi.advanceTimersByTimeAsync(900_000);
    expect(warm).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(900_000);
    expect(warm).toHaveBeenCalledTimes(3);
    await warmer.stop();
    await vi.advanceTimersByTimeAsync(10 * 900_000);
    expect(warm).toHaveBeenCalledTimes(3);
  });

  it('stop aborts a running warm and resolves once it has returned', async () => {
    let signal: AbortSignal | undefined;
    let finish = () => {};
    const warm = vi.fn((o: WarmOptions) => {
      signal = o.signal;
      return new Promise<WarmResult>((resolve) => (finish = () => resolve({ ...done, stopped: true })));
    });
    const warmer = startSummaryWarmer({ warm, everyMs: 60_000, firstAfterMs: 0, jitterMs: 0, log: () => {} });
    await vi.advanceTimersByTimeAsync(0);
    expect(signal?.aborted).toBe(false);
    let stopped = false;
    const stopping = warmer.stop().then(() => (stopped = true));
    expect(signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(warm).toHaveBeenCalledTimes(1);
  });

  it('is configured by STATS_SUMMARY_WARM: minutes between warms (15), or off', () => {
    expect(loadConfig({}).summaryWarmMinutes).toBe(15);
    expect(loadConfig({ STATS_SUMMARY_WARM: '5' }).summaryWarmMinutes).toBe(5);
    expect(loadConfig({ STATS_SUMMARY_WARM: 'off' }).summaryWarmMinutes).toBeNull();
    expect(() => loadConfig({ STATS_SUMMARY_WARM: 'sometimes' })).toThrow(/STATS_SUMMARY_WARM/);
    expect(() => loadConfig({ STATS_SUMMARY_WARM: '0' })).toThrow(/STATS_SUMMARY_WARM/);
  });
});
