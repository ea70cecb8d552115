// The OutboxStore rules as a vitest suite, so every implementation (memory here, Dexie in the web
// app) is held to the same contract: call describeOutboxStoreContract('dexie', makeStore).
import type { NewMark } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import type { OutboxStore } from '../outbox/outbox-store.ts';

let counter = 0;
/** A valid mark with a fresh id (not a random one: ids sort predictably in failures). */
export function sampleMark(over: Partial<NewMark> = {}): NewMark {
  counter++;
  const hex = counter.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    studentId: `S${String(counter).padStart(3, '0')}`,
    deviceId: 'test-device',
    markedAt: new Date(Date.UTC(2026, 10, 24, 8, 0, counter % 60)).toISOString(),
    method: 'face',
    similarity: 0.9,
    ...over,
  };
}

export function describeOutboxStoreContract(name: string, make: () => OutboxStore | Promise<OutboxStore>): void {
  describe(`OutboxStore contract: ${name}`, () => {
    it('lists pending marks in the order they were put, up to the limit, as they were put', async () => {
      const store = await make();
      const marks = [sampleMark(), sampleMark({ sessionId: null, similarity: null }), sampleMark({ method: 'manual', status: 'excused' })];
      for (const m of marks) await store.put(m);
      expect(await store.listPending(10)).toEqual(marks);
      expect(await store.listPending(2)).toEqual(marks.slice(0, 2));
      expect(await store.count()).toEqual({ pending: 3, failed: 0 });
    });

    it('keeps what was put even if the caller changes its object afterwards', async () => {
      const store = await make();
      const m = sampleMark();
      await store.put(m);
      m.studentId = 'CHANGED';
      expect((await store.listPending(1))[0]!.studentId).not.toBe('CHANGED');
    });

    it('treats a second put of the same id as a replacement, last in order', async () => {
      const store = await make();
      const [a, b] = [sampleMark(), sampleMark()];
      await store.put(a);
      await store.put(b);
      await store.put({ ...a, similarity: 0.5 });
      expect((await store.listPending(10)).map((m) => [m.id, m.similarity])).toEqual([
        [b.id, 0.9],
        [a.id, 0.5],
      ]);
      expect(await store.count()).toEqual({ pending: 2, failed: 0 });
    });

    it('removes by id, pending or failed, ignoring unknown ids', async () => {
      const store = await make();
      const [a, b, c] = [sampleMark(), sampleMark(), sampleMark()];
      for (const m of [a, b, c]) await store.put(m);
      await store.markFailed([{ id: c.id, reason: 'student-not-found' }], 1);
      await store.remove([a.id, c.id, '00000000-0000-4000-8000-ffffffffffff']);
      expect(await store.listPending(10)).toEqual([b]);
      expect(await store.listFailed()).toEqual([]);
      expect(await store.count()).toEqual({ pending: 1, failed: 0 });
    });

    it('moves failed marks aside with their reason, and a put makes one pending again', async () => {
      const store = await make();
      const [a, b, c] = [sampleMark(), sampleMark(), sampleMark()];
      for (const m of [a, b, c]) await store.put(m);
      await store.markFailed(
        [
          { id: b.id, reason: 'invalid', detail: 'validation-failed: bad' },
          { id: '00000000-0000-4000-8000-fffffffffffe', reason: 'rejected' },
        ],
        1000,
      );
      await store.markFailed([{ id: a.id, reason: 'session-not-found' }], 2000);
      expect(await store.listPending(10)).toEqual([c]);
      expect(await store.listFailed()).toEqual([
        { mark: b, reason: 'invalid', detail: 'validation-failed: bad', failedAt: 1000 },
        { mark: a, reason: 'session-not-found', failedAt: 2000 },
      ]);
      expect(await store.count()).toEqual({ pending: 1, failed: 2 });
      await store.put(b);
      expect(await store.listPending(10)).toEqual([c, b]);
      expect(await store.count()).toEqual({ pending: 2, failed: 1 });
    });

    it('ignores markFailed for a mark that is no longer pending (another sender confirmed it)', async () => {
      const store = await make();
      const a = sampleMark();
      await store.put(a);
      await store.remove([a.id]);
      await store.markFailed([{ id: a.id, reason: 'rejected' }], 1);
      expect(await store.count()).toEqual({ pending: 0, failed: 0 });
    });
  });
}
