// The session owner against the real API: after a 401 the sender and the roster
// sync pause, and signing in again makes them send and pull again without a reload. Before the
// owner existed the app called start() at sign-in, which left a sender stopped by a 401 in
// 'unauthorized' for good: one post ever, the second mark pending forever.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysOnline, fetchTransport, MemoryOutboxStore, MemorySyncTarget, Outbox, RosterSync, Sender } from '@rollcall/sync';
import { stateWhere } from '@rollcall/sync/testing';
import { dialects, startApi, type TestApi } from '../../api/test/context.ts';
import { SessionLifecycle } from '../src/core/session.ts';

describe('SessionLifecycle', () => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialects[0]!);
    await api.client.createStudent({ body: { studentId: 'S001', name: 'Ann' } });
    await api.client.createStudent({ body: { studentId: 'S002', name: 'Ben' } });
    classId = (await api.client.createClass({ body: { name: 'Form 1', studentIds: ['S001', 'S002'] } })).id;
  });
  afterAll(async () => api?.close());

  it('pauses the sender and the roster sync on a 401 and resumes both at the next sign-in', async () => {
    const first = await api.device([classId]);
    let token = first.token;
    const heard: string[] = [];
    const transport = fetchTransport({ baseUrl: api.base, token: () => token, onError: (err, route) => session.heard(err, route) });
    const outbox = new Outbox(new MemoryOutboxStore());
    const sender = new Sender({ outbox, transport, network: alwaysOnline, pollMs: 0 });
    const sync = new RosterSync({ client: transport, target: new MemorySyncTarget(), network: alwaysOnline, intervalMs: 0 });
    const session = new SessionLifecycle([sync, sender], () => heard.push('expired'));
    const mark = (studentId: string) => ({
      id: randomUUID(),
      studentId,
      deviceId: 'laptop-1',
      markedAt: new Date().toISOString(),
      method: 'face' as const,
      similarity: 0.9,
    });

    session.signedIn();
    await outbox.enqueue(mark('S001'));
    await stateWhere(sender, (s) => s.phase === 'idle' && s.pending === 0 && s.lastSuccessAt !== null);
    await stateWhere(sync, (s) => s.lastSyncedAt !== null);

    // The session ends on the server (here: the device is revoked); the next post gets a 401.
    await api.client.revokeDevice({ params: { id: first.id } });
    const second = mark('S002');
    await outbox.enqueue(second);
    await stateWhere(sender, (s) => s.phase === 'unauthorized');
    expect(session.state).toBe('expired');
    expect(heard).toEqual(['expired']);
    // One 401 pauses every worker, not only the one that got it.
    expect(sync.state.phase).toBe('unauthorized');
    expect(sender.state.pending).toBe(1);

    // The app sees the sign-in page, then the teacher signs in again.
    await session.signedOut();
    token = (await api.device([classId])).token;
    session.signedIn();
    expect(sender.state.phase).not.toBe('unauthorized');
    expect(sync.state.phase).not.toBe('unauthorized');
    await stateWhere(sender, (s) => s.phase === 'idle' && s.pending === 0);
    expect(sender.state.failed).toBe(0);
    const stored = await api.client.listMarks({ query: { studentId: 'S002' } });
    expect(stored.items.map((m) => m.id)).toContain(second.id);
    await session.signedOut();
  });
});
