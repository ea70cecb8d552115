// Shared test doubles: a scripted transport that records every post, and promise helpers.
import type { NewMark, PostMarksResult } from '@rollcall/contracts';
import type { MarkTransport } from '../src/index.ts';

export type Script = (marks: NewMark[], call: number) => Promise<PostMarksResult> | PostMarksResult;

/** Accepts everything unless the script says otherwise; records each batch's ids and the most posts in flight at once. */
export class ScriptedTransport implements MarkTransport {
  readonly calls: string[][] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(public script: Script = acceptAll) {}

  async postMarks(marks: NewMark[]): Promise<PostMarksResult> {
    this.calls.push(marks.map((m) => m.id));
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.script(marks, this.calls.length);
    } finally {
      this.inFlight--;
    }
  }

  /** Every id posted, in order, with repeats. */
  get posted(): string[] {
    return this.calls.flat();
  }
}

export const acceptAll: Script = (marks) => ({ results: marks.map((m) => ({ id: m.id, status: 'accepted' as const })) });

/** A promise with its resolve exposed, to hold a post open while a test looks around. */
export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every already-queued promise callback run (no timers involved). */
export async function drainMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}
