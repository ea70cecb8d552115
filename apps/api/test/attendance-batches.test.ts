// Batches of marks posted at the same moment share one transaction on the server: each must still
// get, mark by mark, the answer it would have got alone. On both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';
import { listen } from './sse.ts';

interface Result {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
  existingId?: string;
  markStatus?: string;
}

const mark = (studentId: string, markedAt: string, over: Record<string, unknown> = {}) => ({
  id: uuid(),
  studentId,
  deviceId: 'laptop-1',
  markedAt,
  method: 'face',
  similarity: 0.96,
  ...over,
});

/** The marks announced as accepted on the live stream, replayed from its start, once all of `wanted` are in. */
async function acceptedOnStream(api: TestApi, wanted: Set<string>): Promise<Map<string, unknown>> {
  const stream = listen(`${api.base}/api/events`, api.adminToken, 0);
  const accepted = () => new Map(stream.received.flatMap(({ event }) => (event.type === 'mark.accepted' ? [[event.mark.id, event.mark] as const] : [])));
  try {
    await stream.ready;
    await stream.until(() => [...wanted].every((id) => accepted().has(id)));
    return accepted();
  } finally {
    stream.close();
  }
}

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `S${String(from + i).padStart(3, '0')}`);

describe.each(dialects)('batches posted together on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  let device: { id: string; token: string };
  beforeAll(async () => {
    api = await startApi(dialect);
    for (const id of ids(40)) await api.call('POST', '/api/students', { studentId: id, name: `Student ${id}` });
    classId = (await api.call('POST', '/api/classes', { name: 'Form 4B', studentIds: ids(20) })).body.id;
    device = await api.device([classId]);
  });
  afterAll(() => api.close());

  const post = async (marks: unknown[], token?: string): Promise<Result[]> => {
    const res = await api.call('POST', '/api/attendance', { marks }, token ? { token } : {});
    expect(res.status).toBe(200);
    return res.body.results;
  };

  it('answers a batch naming a student twice and mixing resent, refused and new marks mark by mark', async () => {
    const t = '2026-11-23T08:00:00Z';
    const sent = mark('S021', t);
    await post([sent]);
    const b = mark('S022', t);
    const near = mark('S022', '2026-11-23T08:00:30Z');
    const later = mark('S022', '2026-11-23T08:01:30Z');
    const ghost = mark('S999', t);
    const noSession = mark('S023', t, { sessionId: uuid() });
    const future = mark('S024', new Date(Date.now() + 86_400_000).toISOString());
    const fresh = mark('S025', t);
    const batch = [sent, b, near, ghost, b, noSession, future, later, fresh];
    expect(await post(batch)).toEqual([
      { id: sent.id, status: 'duplicate', reason: 'already-received', existingId: sent.id },
      { id: b.id, status: 'accepted', markStatus: 'present' },
      { id: near.id, status: 'duplicate', reason: 'cooldown', existingId: b.id },
      { id: ghost.id, status: 'rejected', reason: 'student-not-found' },
      { id: b.id, status: 'duplicate', reason: 'already-received', existingId: b.id },
      { id: noSession.id, status: 'rejected', reason: 'session-not-found' },
      { id: future.id, status: 'rejected', reason: 'time-out-of-range' },
      { id: later.id, status: 'accepted', markStatus: 'present' },
      { id: fresh.id, status: 'accepted', markStatus: 'present' },
    ]);
    // Sent again, every mark that was stored is known; the others get the same answer again.
    expect((await post(batch)).map((r) => r.reason)).toEqual([
      'already-received',
      'already-received',
      'cooldown',
      'student-not-found',
      'already-received',
      'session-not-found',
      'time-out-of-range',
      'already-received',
      'already-received',
    ]);
  });

  it('gives parallel batches their own answers: one mark per student per session, each caller its own rosters', async () => {
    const session = await api.call('POST', `/api/classes/${classId}/sessions`, {}, { token: device.token });
    expect(session.status).toBe(201);
    const sid = session.body.id;
    const now = () => new Date().toISOString();
    // Every student of the class sighted by three batches; a refused mark's id used again for a real one.
    const sightings = [0, 1, 2].flatMap(() => ids(20).map((s) => mark(s, now(), { sessionId: sid })));
    const groups = Array.from({ length: 12 }, (_, g) => sightings.filter((_, i) => i % 12 === g));
    const reused = uuid();
    const refused = mark('S999', now(), { id: reused });
    const reusedForReal = mark('S026', now(), { id: reused });
    // The laptop may not day-mark a student outside its class; the admin may.
    const outside = mark('S030', now());
    const byAdmin = mark('S030', now());
    const posts: Promise<Result[]>[] = [
      ...groups.map((g) => post(g, device.token)),
      post([refused]),
      post([reusedForReal]),
      post([outside], device.token),
      post([byAdmin]),
    ];
    const answers = await Promise.all(posts);
    const bySighting = new Map(answers.slice(0, 12).flatMap((rs) => rs.map((r) => [r.id, r])));
    const accepted = new Map<string, string>();
    for (const m of sightings) {
      const r = bySighting.get(m.id)!;
      if (r.status === 'accepted') {
        expect(accepted.has(m.studentId)).toBe(false);
        accepted.set(m.studentId, m.id);
      }
    }
    expect([...accepted.keys()].sort()).toEqual(ids(20));
    for (const m of sightings) {
      const r = bySighting.get(m.id)!;
      if (r.status !== 'accepted') expect(r).toEqual({ id: m.id, status: 'duplicate', reason: 'already-marked', existingId: accepted.get(m.studentId) });
    }
    // Whichever came first, the refused mark was never stored, so its id is free for the real one.
    expect(answers[12]![0]!.status === 'rejected' || answers[12]![0]!.reason === 'already-received').toBe(true);
    expect(answers[13]).toEqual([{ id: reused, status: 'accepted', markStatus: 'present' }]);
    expect(answers[14]).toEqual([{ id: outside.id, status: 'rejected', reason: 'student-not-found' }]);
    expect(answers[15]).toEqual([{ id: byAdmin.id, status: 'accepted', markStatus: 'present' }]);
    const list = await api.call('GET', `/api/attendance?sessionId=${sid}&limit=200`);
    expect(list.body.total).toBe(20);
    expect(list.body.items.map((m: { id: string }) => m.id).sort()).toEqual([...accepted.values()].sort());
  });

  it('announces each accepted mark exactly as it is stored', async () => {
    // A class and laptop of its own: the students above were marked a moment ago.
    const own = (await api.call('POST', '/api/classes', { name: 'Form 5C', studentIds: ids(3, 32) })).body.id;
    const laptop = await api.device([own]);
    const sid = (await api.call('POST', `/api/classes/${own}/sessions`, {}, { token: laptop.token })).body.id;
    const now = Date.now();
    // A local time with an offset, an awkward score, a hand-set status with a reason, a day mark; from the laptop and the admin.
    const inIndia = new Date(now + 5.5 * 3_600_000).toISOString().replace('Z', '+05:30');
    const byLaptop = [
      mark('S032', inIndia, { sessionId: sid, similarity: 1 / 3 }),
      mark('S033', new Date(now).toISOString(), { sessionId: sid, method: 'manual', status: 'excused', reason: 'Dentist', similarity: undefined }),
      mark('S034', new Date(now).toISOString()),
    ];
    const byAdmin = [mark('S035', new Date(now).toISOString(), { similarity: 0.1 + 0.2 })];
    const answers = await Promise.all([post(byLaptop, laptop.token), post(byAdmin)]);
    expect(answers.flat().map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    // What a dashboard is told: the stream replayed from the start (the table keeps only the mark's id).
    const announced = await acceptedOnStream(api, new Set([...byLaptop, ...byAdmin].map((m) => m.id)));
    for (const m of [...byLaptop, ...byAdmin]) {
      const list = await api.call('GET', `/api/attendance?studentId=${m.studentId}&limit=100`);
      const stored = list.body.items.find((s: { id: string }) => s.id === m.id);
      expect(stored).toBeDefined();
      expect(announced.get(m.id)).toStrictEqual(stored);
    }
  });
});
