// Backoff steps and Retry-After parsing.
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '@rollcall/contracts';
import { backoffDelay, DEFAULT_BACKOFF, retryDelay } from '../index.ts';

describe('backoff', () => {
  it('doubles from 1 s to a 60 s cap, jittered between half and all of each step', () => {
    const steps = [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000];
    steps.forEach((step, i) => {
      expect(backoffDelay(i + 1, DEFAULT_BACKOFF, () => 0)).toBe(step / 2);
      expect(backoffDelay(i + 1, DEFAULT_BACKOFF, () => 0.999999)).toBe(step);
    });
    expect(backoffDelay(1000, DEFAULT_BACKOFF, () => 1)).toBe(60_000);
  });

  it('spreads devices that failed together', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, DEFAULT_BACKOFF, random)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(8000);
      expect(d).toBeLessThanOrEqual(16000);
    }
  });

  it('waits at least what Retry-After asks, up to a limit', () => {
    expect(retryDelay({ retryAfterMs: 10_000 }, 1, DEFAULT_BACKOFF, () => 0)).toBe(10_000);
    expect(retryDelay({ retryAfterMs: 100 }, 3, DEFAULT_BACKOFF, () => 0)).toBe(2000);
    expect(retryDelay({ retryAfterMs: 86_400_000 }, 1, DEFAULT_BACKOFF, () => 0)).toBe(300_000);
    expect(retryDelay(undefined, 2, DEFAULT_BACKOFF, () => 0)).toBe(1000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-24T08:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
