// A fixed-window request counter per key (a device or a user). In memory, per API instance: it
// protects each instance from a runaway client; with N instances a client gets at most N times
// the limit, which is still bounded. Sign-in throttling, which must be exact, lives in the database.
import { ApiError } from '../http/errors.ts';

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Counts one request for the key; throws rate-limited with the seconds to wait once over the limit. */
  hit(key: string): void {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.sweep(now);
    }
    if (++w.count > this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
      throw new ApiError('rate-limited', `Too many requests; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
