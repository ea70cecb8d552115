// Shared test doubles: a scripted mark transport that records every post, a scripted sync
// client answering pages by `since`, and promise helpers.
import type { NewMark, PostMarksResult, SyncResponse } from '@rollcall/contracts';
import type { MarkTransport, SyncClient, SyncQueryInput } from '../index.ts';

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

export const student = (id: string, name = id) => ({
  studentId: id,
  name,
  email: null,
  embeddingCount: 0,
  consent: 'granted' as const,
  cameraFree: false,
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-24T08:00:00.000Z',
});
export const embedding = (id: string, studentId: string) => ({
  id,
  studentId,
  modelId: 'human-faceres@3.3.6' as const,
  dim: 1024,
  quality: 0.9,
  sourceHash: '0'.repeat(64),
  createdAt: '2026-11-24T08:00:00.000Z',
  vector: 'AAAA',
});

export function page(since: number, revision: number, over: Partial<SyncResponse> = {}): SyncResponse {
  return {
    since,
    revision,
    more: false,
    cursor: null,
    reset: false,
    scoped: false,
    serverTime: '2026-11-24T08:00:00.000Z',
    students: { upserted: [], deleted: [] },
    embeddings: { upserted: [], deleted: [] },
    classes: { upserted: [], deleted: [] },
    ...over,
  };
}

/** Answers from a list of pages keyed by `cursor` when asked with one, else by `since`; a page may be an Error to throw instead. */
export class ScriptedSync implements SyncClient {
  readonly asked: SyncQueryInput[] = [];
  constructor(private pages: Map<number | string, SyncResponse | Error>) {}
  async sync(query: SyncQueryInput): Promise<SyncResponse> {
    this.asked.push(query);
    const p = this.pages.get(query.cursor ?? Number(query.since ?? 0));
    if (!p) throw new Error(`unexpected since=${String(query.since)} cursor=${String(query.cursor)}`);
    if (p instanceof Error) throw p;
    return structuredClone(p);
  }
  set(key: number | string, p: SyncResponse | Error) {
    this.pages.set(key, p);
  }
}
