// A mark.accepted is stored as its mark's id and read back as the whole mark (stored-event.ts):
// the table holds no copy of the mark or the student's name, a mark taken out before it is read is
// not announced (its removal is), a row written before the change is delivered as it was written,
// and a replay goes on past a page whose marks are all gone. On both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMarks } from '../src/features/attendance/attendance.repository.ts';
import { REPLAY_PAGE, type EventHub } from '../src/features/events/event-hub.ts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';
import { handPolledHub } from './hubs.ts';
import { listen } from './sse.ts';

const TOP = Number.MAX_SAFE_INTEGER;

describe.each(dialects)('stored live events on %s', (dialect) => {
  let api: TestApi;
  let hub: EventHub;
  beforeAll(async () => {
    api = await startApi(dialect);
    // A hub as the app wires one: marks read from the same database.
    hub = handPolledHub(api.database.db);
    for (const [studentId, name] of [
      ['E001', 'Zofia Kowalska'],
      ['E002', 'Tomasz Nowak'],
      ['E003', 'Ines Duarte'],
    ])
      expect((await api.call('POST', '/api/students', { studentId, name })).status).toBe(201);
  });
  afterAll(() => api?.close());

  const post = async (studentId: string) => {
    const mark = { id: uuid(), studentId, deviceId: 'laptop-1', markedAt: new Date().toISOString(), method: 'face', similarity: 0.93 };
    const res = await api.call('POST', '/api/attendance', { marks: [mark] });
    expect(res.body.results[0].status).toBe('accepted');
    return mark.id;
  };
  const newestId = async () => hub.head();

  it('keeps the mark id only, and replays the whole mark as it is stored', async () => {
    const after = await newestId();
    const id = await post('E001');
    const row = await api.database.db.selectFrom('events').select(['payload']).where('id', '>', after).executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload)).toEqual({ type: 'mark.accepted', markId: id });
    expect(row.payload).not.toContain('Kowalska');
    const { events } = await hub.replay(after, TOP);
    const [stored] = await findMarks(api.database.db, [id]);
    expect(events).toEqual([{ id: expect.any(Number), event: { type: 'mark.accepted', mark: stored } }]);
    expect(stored?.studentName).toBe('Zofia Kowalska');
  });

  it('announces a mark taken out before it is read only by its removal', async () => {
    const after = await newestId();
    const kept = await post('E002');
    const gone = await post('E003');
    expect((await api.call('DELETE', `/api/attendance/${gone}`, { reason: 'Wrong child' })).status).toBe(200);
    const { events, rows, lastId } = await hub.replay(after, TOP);
    expect(rows).toBe(3);
    expect(lastId).toBe(await newestId());
    expect(events.map((e) => [e.event.type, e.event.type === 'mark.accepted' ? e.event.mark.id : null])).toEqual([
      ['mark.accepted', kept],
      ['marks.cleared', null],
    ]);
  });

  it('a hub whose read of the marks fails hands the events out on its next poll, none lost', async () => {
    let failNext = true;
    const errors: unknown[] = [];
    const flaky = handPolledHub(api.database.db, {
      marks: (ids) => {
        if (!failNext) return findMarks(api.database.db, ids);
        failNext = false;
        return Promise.reject(new Error('connection lost'));
      },
      onError: (e) => errors.push(e),
    });
    const got: string[] = [];
    const unsubscribe = flaky.subscribe((e) => got.push(e.event.type === 'mark.accepted' ? e.event.mark.id : e.event.type), 'user:flaky');
    try {
      failNext = false;
      await flaky.poll(); // its starting point
      failNext = true;
      const id = await post('E003');
      await flaky.poll();
      expect([got, errors.length]).toEqual([[], 1]);
      await flaky.poll();
      expect(got).toEqual([id]);
    } finally {
      unsubscribe();
    }
  });

  it('delivers a row written before the change (the whole mark) as it was written', async () => {
    const after = await newestId();
    const old = {
      type: 'mark.accepted',
      mark: {
        id: uuid(),
        studentId: 'E001',
        studentName: 'Zofia Kowalska',
        sessionId: null,
        classId: null,
        deviceId: 'laptop-1',
        markedAt: '2026-12-01T08:55:00.000Z',
        receivedAt: '2026-12-01T08:55:01.000Z',
        day: '2026-12-01',
        similarity: 0.9,
        method: 'face',
        status: 'present',
      },
    };
    await api.database.db
      .insertInto('events')
      .values({ type: 'mark.accepted', payload: JSON.stringify(old), at: Date.now() })
      .execute();
    const { events } = await hub.replay(after, TOP);
    expect(events.map((e) => e.event)).toEqual([old]);
  });

  it('a stream replaying from Last-Event-ID goes on past a whole page of marks that are gone', async () => {
    const after = await newestId();
    // A page of rows naming marks taken out since (a purge), then a roster nudge.
    await api.database.db
      .insertInto('events')
      .values(
        Array.from({ length: REPLAY_PAGE }, () => ({
          type: 'mark.accepted',
          payload: JSON.stringify({ type: 'mark.accepted', markId: uuid() }),
          at: Date.now(),
        })),
      )
      .execute();
    const nudge = { type: 'roster.changed', revision: 7, studentIds: [], classIds: [] };
    await api.database.db
      .insertInto('events')
      .values({ type: 'roster.changed', payload: JSON.stringify(nudge), at: Date.now() })
      .execute();
    const first = await hub.replay(after, TOP);
    expect([first.events.length, first.rows]).toEqual([0, REPLAY_PAGE]);

    const stream = listen(`${api.base}/api/events`, api.adminToken, after);
    try {
      await stream.ready;
      await stream.until((got) => got.some((e) => e.event.type === 'roster.changed'));
      expect(stream.received).toEqual([{ id: after + REPLAY_PAGE + 1, event: nudge }]);
    } finally {
      stream.close();
    }
  });
});
