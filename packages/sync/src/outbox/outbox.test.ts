// The outbox: the memory store against the shared store contract, and what Outbox adds on top
// (validation on the way in, change notifications, retry and discard of failed marks).
import { describe, expect, it } from 'vitest';
import { MemoryOutboxStore, Outbox, OutboxError } from '../index.ts';
import { describeOutboxStoreContract, sampleMark } from '../testing/index.ts';

describeOutboxStoreContract('MemoryOutboxStore', () => new MemoryOutboxStore());

describe('Outbox', () => {
  it('refuses a mark the API would refuse, with a clear error, and stores nothing', async () => {
    const outbox = new Outbox(new MemoryOutboxStore());
    for (const bad of [
      { ...sampleMark(), id: 'not-a-uuid' },
      { ...sampleMark(), markedAt: '2026-11-24T08:00:00' },
      { ...sampleMark(), similarity: 3 },
      { ...sampleMark(), extra: true },
    ]) {
      const err = await outbox.enqueue(bad as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutboxError);
      expect((err as OutboxError).code).toBe('invalid-mark');
    }
    await expect(outbox.enqueue({ ...sampleMark(), id: 'x' })).rejects.toThrow(/id/);
    expect(await outbox.counts()).toEqual({ pending: 0, failed: 0 });
  });

  it('tells listeners about every change, and retries or discards failed marks', async () => {
    const outbox = new Outbox(new MemoryOutboxStore(), () => 42);
    let changes = 0;
    const off = outbox.onChange(() => changes++);
    const [a, b] = [sampleMark(), sampleMark()];
    await outbox.enqueue(a);
    await outbox.enqueue(b);
    await outbox.fail([{ id: a.id, reason: 'student-not-found' }]);
    expect(changes).toBe(3);
    expect(await outbox.failed()).toEqual([{ mark: a, reason: 'student-not-found', failedAt: 42 }]);

    await outbox.retry([a.id]);
    expect(await outbox.pending(10)).toEqual([b, a]);
    await outbox.fail([{ id: a.id, reason: 'student-not-found' }]);
    await outbox.discard([a.id]);
    expect(await outbox.counts()).toEqual({ pending: 1, failed: 0 });
    off();
    await outbox.confirm([b.id]);
    expect(changes).toBe(6);
  });

  it('keeps a stored mark stored when a listener throws', async () => {
    const outbox = new Outbox(new MemoryOutboxStore());
    outbox.onChange(() => {
      throw new Error('UI bug');
    });
    outbox.subscribe(() => {
      throw new Error('UI bug');
    });
    await outbox.enqueue(sampleMark());
    expect((await outbox.counts()).pending).toBe(1);
  });

  it('runs exclusive sections one at a time, in order, even when one fails', async () => {
    const outbox = new Outbox(new MemoryOutboxStore());
    const log: string[] = [];
    let active = 0;
    const section = (name: string, fail = false) =>
      outbox.exclusive(async () => {
        active++;
        log.push(`${name}:${active}`);
        await new Promise<void>((r) => setImmediate(r));
        active--;
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([section('a'), section('b', true), section('c')]);
    expect(log).toEqual(['a:1', 'b:1', 'c:1']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
