// The live event stream: a mark accepted by one API instance reaches a dashboard connected to
// another instance on the same database; a reconnecting client catches up with Last-Event-ID.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';
import { listen } from './sse.ts';

describe.each(dialects)('live events on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect, { eventPollMs: 50 });
    await api.call('POST', '/api/students', { studentId: 'E1', name: 'Eve' });
  });
  afterAll(() => api.close());

  it('delivers marks accepted through another instance, and replays what a client missed', async () => {
    const other = await api.secondInstance();
    const stream = listen(`${other.base}/api/events`, api.adminToken);
    await stream.ready;
    await new Promise((r) => setTimeout(r, 200)); // let the hub take its starting position
    const id = uuid();
    await api.call('POST', '/api/attendance', {
      marks: [{ id, studentId: 'E1', deviceId: 'laptop-9', markedAt: new Date().toISOString(), method: 'face', similarity: 0.97 }],
    });
    await stream.until((r) => r.some((e) => e.event.type === 'mark.accepted'));
    const got = stream.received.find((e) => e.event.type === 'mark.accepted')!;
    expect(got.event).toMatchObject({ type: 'mark.accepted', mark: { id, studentId: 'E1', studentName: 'Eve', deviceId: 'user:laptop-9' } });
    // A duplicate post produces no second event.
    await api.call('POST', '/api/attendance', { marks: [{ id, studentId: 'E1', deviceId: 'laptop-9', markedAt: new Date().toISOString(), method: 'face' }] });
    stream.close();

    await api.call('POST', '/api/students', { studentId: 'E2', name: 'Eddie' });
    const again = listen(`${api.base}/api/events`, api.adminToken, got.id);
    await again.ready;
    await again.until((r) => r.some((e) => e.event.type === 'roster.changed'));
    expect(again.received.filter((e) => e.event.type === 'mark.accepted')).toHaveLength(0);
    expect(again.received[0]!.id).toBeGreaterThan(got.id);
    again.close();
    await other.close();
  });

  it('shows a teacher only the marks of their own classes, and refuses anonymous listeners', async () => {
    expect((await api.call('GET', '/api/events', undefined, { token: null })).status).toBe(401);
    await api.call('POST', '/api/students', { studentId: 'E3', name: 'Erin' });
    const mine = (await api.call('POST', '/api/classes', { name: 'Mine', studentIds: ['E3'] })).body.id;
    const theirs = (await api.call('POST', '/api/classes', { name: 'Theirs', studentIds: ['E1'] })).body.id;
    const teacher = await api.teacher([mine]);
    const stream = listen(`${api.base}/api/events`, teacher.token);
    await stream.ready;
    await new Promise((r) => setTimeout(r, 200));
    const sMine = (await api.call('POST', `/api/classes/${mine}/sessions`, {})).body.id;
    const sTheirs = (await api.call('POST', `/api/classes/${theirs}/sessions`, {})).body.id;
    const other = uuid();
    const own = uuid();
    const at = new Date().toISOString();
    await api.call('POST', '/api/attendance', {
      marks: [
        { id: other, studentId: 'E1', sessionId: sTheirs, deviceId: 'x', markedAt: at, method: 'face' },
        { id: own, studentId: 'E3', sessionId: sMine, deviceId: 'x', markedAt: at, method: 'face' },
      ],
    });
    await stream.until((r) => r.some((e) => e.event.type === 'mark.accepted'));
    await new Promise((r) => setTimeout(r, 300));
    const marks = stream.received.filter((e) => e.event.type === 'mark.accepted').map((e) => (e.event as { mark: { id: string } }).mark.id);
    expect(marks).toEqual([own]);
    stream.close();
  });
});
