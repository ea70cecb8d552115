// A Clock that only moves when a test says so: retries are checked by stepping time, never by
// sleeping, so no assertion depends on how fast the machine is.
import type { Clock, TimerHandle } from '../clock.ts';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private time = Date.UTC(2026, 10, 24, 8, 0, 0)) {}

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** When the earliest timer is due, or undefined when none is set. */
  get nextAt(): number | undefined {
    return this.timers.reduce<number | undefined>((min, t) => (min === undefined || t.at < min ? t.at : min), undefined);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by ms, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }

  /** Jumps to the earliest timer and fires it; returns false when none is set. */
  runNext(): boolean {
    const at = this.nextAt;
    if (at === undefined) return false;
    this.advance(at - this.time);
    return true;
  }
}
