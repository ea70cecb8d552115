// The tab's live channel (@rollcall/sync LiveChannel) against the real API on both databases
// (#14 item 4): a roster.changed event makes the roster sync pull at once (its interval is off
// here, so only the event can bring the new student), mark events arrive for the live log, and
// a 401 pauses the channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@rollcall/contracts';
import { alwaysOnline, fetchTransport, LiveChannel, MemorySyncTarget, RosterSync } from '@rollcall/sync';
import { stateWhere } from '@rollcall/sync/testing';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

describe.each(dialects)('live channel on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect, { eventPollMs: 50 });
    await api.client.createStudent({ body: { studentId: 'L1', name: 'Lena' } });
    classId = (await api.client.createClass({ body: { name: 'Live class', studentIds: ['L1'] } })).id;
  });
  afterAll(() => api.close());

  it('pulls the roster as soon as roster.changed arrives, and hands mark events to listeners', async () => {
    const device = await api.device([classId]);
    const target = new MemorySyncTarget();
    const sync = new RosterSync({ client: fetchTransport({ baseUrl: api.base, token: device.token }), target, network: alwaysOnline, intervalMs: 0 });
    const channel = new LiveChannel({ baseUrl: api.base, token: device.token });
    const heard: LiveEvent[] = [];
    channel.on((e) => {
      heard.push(e);
      if (e.type === 'roster.changed') void sync.syncNow();
    });
    sync.start();
    await stateWhere(sync, (s) => s.lastSyncedAt !== null && s.phase === 'idle');
    const before = sync.state.revision!;
    channel.start();
    await stateWhere(channel, (s) => s.phase === 'open');

    // The office adds a student to this class on another computer.
    await api.client.createStudent({ body: { studentId: 'L2', name: 'Lars' } });
    await api.client.addToRoster({ params: { id: classId, studentId: 'L2' } });
    await stateWhere(sync, (s) => s.phase === 'idle' && s.revision !== null && s.revision >= before + 2);
    expect(target.students.has('L2')).toBe(true);
    expect(target.classes.get(classId)?.studentIds).toContain('L2');

    const id = uuid();
    const sessionId = (await api.client.createSession({ params: { id: classId }, body: {} })).id;
    await api.clientAs(device.token).postMarks({
      body: { marks: [{ id, sessionId, studentId: 'L1', deviceId: 'laptop-2', markedAt: new Date().toISOString(), method: 'face', similarity: 0.95 }] },
    });
    await stateWhere(channel, () => heard.some((e) => e.type === 'mark.accepted'));
    expect(heard.find((e) => e.type === 'mark.accepted')).toMatchObject({ mark: { id, studentId: 'L1' } });
    expect(channel.state.lastEventId).not.toBeNull();

    channel.stop();
    await sync.stop();
  });

  it('pauses on a 401 instead of reconnecting forever', async () => {
    const channel = new LiveChannel({ baseUrl: api.base, token: 'not-a-token' });
    channel.start();
    await stateWhere(channel, (s) => s.phase === 'paused');
    channel.stop();
  });
});
