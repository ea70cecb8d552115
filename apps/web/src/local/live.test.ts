// A live query over the real Dexie stores (fake-indexeddb) that fails once keeps going: it is
// reported, restarts, and still sees later writes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RollcallDb } from './db.ts';
import { subscribeLive } from './live.ts';

describe('subscribeLive', () => {
  afterEach(() => vi.restoreAllMocks());

  it('restarts after an error and keeps delivering writes; stops when unsubscribed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = new RollcallDb('live-query-test');
    let calls = 0;
    const seen: number[] = [];
    const stop = subscribeLive(
      async () => {
        if (++calls === 1) throw new Error('transaction aborted');
        return db.students.count();
      },
      (n) => seen.push(n),
      10,
    );
    await vi.waitFor(() => expect(seen).toEqual([0]));
    expect(warn).toHaveBeenCalledOnce();
    await db.students.put({
      studentId: 'S001',
      name: 'Daryl Dixon',
      email: null,
      embeddingCount: 0,
      updatedAt: '2026-11-24T08:00:00.000Z',
      consent: 'granted',
      cameraFree: false,
    });
    await vi.waitFor(() => expect(seen.at(-1)).toBe(1));
    stop();
    await db.students.put({
      studentId: 'S002',
      name: 'Rick Grimes',
      email: null,
      embeddingCount: 0,
      updatedAt: '2026-11-24T08:00:00.000Z',
      consent: 'granted',
      cameraFree: false,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.at(-1)).toBe(1);
    db.close();
  });
});
