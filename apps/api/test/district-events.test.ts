// Live events with several API instances on one database: ids written by concurrent transactions
// can commit out of order, and a dashboard back from a dead instance may have missed thousands.
// The hub hands events out in id order (waiting a little for a smaller id still missing), and a
// reconnecting stream replays everything it missed, page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_GRACE_MS, POLL_PAGE, REPLAY_PAGE } from '../src/features/events/event-hub.ts';
import { dialects, freshDatabase, startApi, type TestApi } from './context.ts';
import { handPolledHub } from './hubs.ts';

const roster = (revision: number) => JSON.stringify({ type: 'roster.changed', revision, studentIds: [], classIds: [] });

describe.each(dialects)('live events across instances on %s', (dialect) => {
  it('hands events out in id order: one after a missing id waits for it, and goes on alone once the wait is over', async () => {
    const { database, drop } = await freshDatabase(dialect);
    let now = 1_000_000;
    const hub = handPolledHub(database.db, { now: () => now });
    const got: number[] = [];
    const unsubscribe = hub.subscribe((e) => got.push(e.id), 'user:test');
    try {
      await hub.poll(); // the starting position: nothing yet
      const insert = (id: number) =>
        database.db
          .insertInto('events')
          .values({ id, type: 'roster.changed', payload: roster(id), at: now })
          .execute();
      // 2 committed before 1: 2 waits.
      await insert(2);
      await hub.poll();
      expect(got).toEqual([]);
      await insert(1);
      await hub.poll();
      expect(got).toEqual([1, 2]);
      // 3 never comes (a rolled-back insert): 4 goes out once the wait is over.
      await insert(4);
      await hub.poll();
      expect(got).toEqual([1, 2]);
      now += ORDER_GRACE_MS + 1;
      await hub.poll();
      expect(got).toEqual([1, 2, 4]);
      expect(hub.position).toBe(4);
    } finally {
      unsubscribe();
      await database.close();
      await drop();
    }
  });

  it('a hub that starts while another instance holds a smaller id uncommitted hands that event out when it commits, in order', async () => {
    const { database, drop } = await freshDatabase(dialect);
    const now = 1_000_000;
    const hubOf = () => handPolledHub(database.db, { now: () => now });
    const running = hubOf();
    const starting = hubOf();
    const gotRunning: number[] = [];
    const gotStarting: number[] = [];
    const unsubscribeRunning = running.subscribe((e) => gotRunning.push(e.id), 'user:running');
    let unsubscribeStarting = () => {};
    const insert = (id?: number) =>
      database.db
        .insertInto('events')
        .values({ ...(id !== undefined && { id }), type: 'roster.changed', payload: roster(id ?? 0), at: now })
        .execute();
    // A transaction on a third instance takes id 2 and commits only when told. SQLite has one
    // writer, so its ids cannot commit out of order: there id 2 is written last, by hand.
    let commit = () => {};
    let held: Promise<void> = Promise.resolve();
    try {
      await running.poll();
      await insert(1);
      if (dialect === 'mysql') {
        let taken = () => {};
        const idTaken = new Promise<void>((r) => (taken = r));
        const release = new Promise<void>((r) => (commit = r));
        held = database.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('events')
            .values({ type: 'roster.changed', payload: roster(2), at: now })
            .execute();
          taken();
          await release;
        });
        await idTaken;
        await insert(); // id 3, committed before id 2
      } else {
        await insert(3);
        commit = () => {
          commit = () => {};
          held = insert(2).then(() => undefined);
        };
      }
      const ids = await database.db.selectFrom('events').select('id').orderBy('id').execute();
      expect(ids.map((r) => Number(r.id))).toEqual([1, 3]);
      await running.poll();
      expect(gotRunning).toEqual([1]);

      // The second instance's hub starts now, with 3 committed and 2 still open.
      unsubscribeStarting = starting.subscribe((e) => gotStarting.push(e.id), 'user:starting');
      await starting.poll();
      expect(gotStarting).toEqual([]);
      // A stream replayed here now stops below the open id, so the live stream can still bring it.
      expect(starting.position).toBe(1);

      commit();
      await held;
      await running.poll();
      await starting.poll();
      expect(gotRunning).toEqual([1, 2, 3]);
      expect(gotStarting).toEqual([2, 3]);
      expect(starting.position).toBe(3);
    } finally {
      commit();
      await held;
      unsubscribeRunning();
      unsubscribeStarting();
      await database.close();
      await drop();
    }
  });

  it('a starting hub does not wait behind ids missing below events written before the grace period', async () => {
    const { database, drop } = await freshDatabase(dialect);
    const now = 1_000_000;
    const hub = handPolledHub(database.db, { now: () => now });
    const got: number[] = [];
    let unsubscribe = () => {};
    try {
      // 2 was rolled back long ago: 3 was written 20 s before the hub starts.
      for (const id of [1, 3])
        await database.db
          .insertInto('events')
          .values({ id, type: 'roster.changed', payload: roster(id), at: now - 20_000 })
          .execute();
      unsubscribe = hub.subscribe((e) => got.push(e.id), 'user:test');
      await hub.poll();
      expect(hub.position).toBe(3);
      await database.db
        .insertInto('events')
        .values({ id: 4, type: 'roster.changed', payload: roster(4), at: now })
        .execute();
      await hub.poll();
      expect(got).toEqual([4]);
    } finally {
      unsubscribe();
      await database.close();
      await drop();
    }
  });

  it('a burst larger than one poll goes out at once, not one page per interval', async () => {
    const { database, drop } = await freshDatabase(dialect);
    const now = 1_000_000;
    // An interval of an hour: whatever goes out here went out by reading on after a full page.
    const hub = handPolledHub(database.db, { now: () => now });
    const got: number[] = [];
    const unsubscribe = hub.subscribe((e) => got.push(e.id), 'user:test');
    try {
      await hub.poll(); // the starting position: nothing yet
      const burst = 2 * POLL_PAGE + 100;
      await database.db
        .insertInto('events')
        .values(Array.from({ length: burst }, (_, i) => ({ id: i + 1, type: 'roster.changed', payload: roster(i + 1), at: now })))
        .execute();
      await hub.poll();
      for (let waited = 0; got.length < burst && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual(Array.from({ length: burst }, (_, i) => i + 1));
    } finally {
      unsubscribe();
      await database.close();
      await drop();
    }
  });

  describe('a stream reconnecting after missing more than one page', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi(dialect, { eventPollMs: 50 });
    });
    afterAll(() => api.close());

    it('replays every event it missed, once, in order', async () => {
      const before = Number(
        (
          await api.database.db
            .selectFrom('events')
            .select((eb) => eb.fn.max('id').as('max'))
            .executeTakeFirst()
        )?.max ?? 0,
      );
      const count = REPLAY_PAGE * 2 + 500;
      const rows = Array.from({ length: count }, (_, i) => ({ type: 'roster.changed', payload: roster(i), at: Date.now() }));
      for (let i = 0; i < rows.length; i += 500)
        await api.database.db
          .insertInto('events')
          .values(rows.slice(i, i + 500))
          .execute();
      const res = await fetch(`${api.base}/api/events`, { headers: { authorization: `Bearer ${api.adminToken}`, 'last-event-id': String(before) } });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const ids: number[] = [];
      let buffer = '';
      while (ids.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const whole = buffer.lastIndexOf('\n\n') + 2; // only complete events
        for (const m of buffer.slice(0, whole).matchAll(/^id: (\d+)$/gm)) ids.push(Number(m[1]));
        buffer = buffer.slice(whole);
      }
      await reader.cancel();
      expect(ids).toHaveLength(count);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(count);
      expect(ids[0]).toBeGreaterThan(before);
    });
  });
});
