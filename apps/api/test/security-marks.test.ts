// Security probe, "the server enforces what the browser promises": a mark's time and device label,
// retention by the server's own clock with the audit of purged marks, text hygiene of names and
// free text, and no caching of personal answers. Real API, SQLite and MySQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMark } from '@rollcall/contracts';
import { alwaysOnline, fetchTransport, MemoryOutboxStore, Outbox, Sender } from '@rollcall/sync';
import { ManualClock } from '@rollcall/sync/testing';
import { dialects, grantConsent, hash, startApi, uuid, vectorB64, type TestApi } from './context.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A stored mark as the API lists it, or undefined. */
async function stored(api: TestApi, studentId: string, id: string) {
  const items = (await api.call('GET', `/api/attendance?studentId=${studentId}&limit=500`)).body.items as {
    id: string;
    deviceId: string;
    reason: string | null;
  }[];
  return items.find((m) => m.id === id);
}

describe.each(dialects)('marks the server bounds on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  let device: { id: string; token: string };
  let sessionStart: number;
  let sessionId: string;
  beforeAll(async () => {
    api = await startApi(dialect, { retentionDays: 30 });
    for (const studentId of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']) await api.call('POST', '/api/students', { studentId, name: `Pupil ${studentId}` });
    classId = (await api.call('POST', '/api/classes', { name: 'Bounds', studentIds: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] })).body.id;
    device = await api.device([classId]);
    sessionStart = Date.now() - 30 * MINUTE;
    sessionId = (await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: iso(sessionStart) })).body.id;
  });
  afterAll(() => api.close());

  const mark = (studentId: string, markedAt: number, over: Partial<NewMark> = {}): NewMark => ({
    id: uuid(),
    studentId,
    deviceId: 'laptop',
    markedAt: iso(markedAt),
    method: 'face',
    ...over,
  });
  const post = async (marks: NewMark[], token: string | null = device.token) => {
    const res = await api.call('POST', '/api/attendance', { marks }, { token });
    expect(res.status).toBe(200);
    return res.body.results.map((r: { status: string; reason?: string }) => (r.status === 'rejected' ? r.reason : r.status));
  };

  it('refuses a mark dated ahead of the server beyond the clock skew, or before its session started', async () => {
    const now = Date.now();
    expect(
      await post([
        mark('T1', Date.UTC(2099, 0, 1), { sessionId }),
        mark('T1', now + 10 * MINUTE, { sessionId }),
        mark('T1', sessionStart - 60 * MINUTE, { sessionId }),
        mark('T1', Date.UTC(2001, 0, 1), { sessionId }),
      ]),
    ).toEqual(['time-out-of-range', 'time-out-of-range', 'time-out-of-range', 'time-out-of-range']);
    // The same refusal for an admin: nobody stores a mark from the future.
    expect(await post([mark('T1', Date.UTC(2099, 0, 1))], api.adminToken)).toEqual(['time-out-of-range']);
    // A laptop clock a minute fast, and a mark made just as the session opened, are fine.
    expect(await post([mark('T1', now + MINUTE, { sessionId }), mark('T2', sessionStart - MINUTE, { sessionId })])).toEqual(['accepted', 'accepted']);
  });

  it("refuses a laptop's day mark older than a week, keeps one that arrives days late, and lets an admin type in an old register", async () => {
    const now = Date.now();
    expect(await post([mark('T3', Date.UTC(2001, 0, 1)), mark('T3', now - 8 * DAY), mark('T3', now - 3 * DAY)])).toEqual([
      'time-out-of-range',
      'time-out-of-range',
      'accepted',
    ]);
    expect(await post([mark('T3', now - 20 * DAY, { method: 'manual' })], api.adminToken)).toEqual(['accepted']);
  });

  it("stores a laptop's registered name as its device label, and a person's label as theirs", async () => {
    const laptop = mark('T4', Date.now(), { sessionId, deviceId: 'Room 1 (the other laptop)' });
    const byAdmin = mark('T5', Date.now(), { sessionId, deviceId: 'Room 1 (the other laptop)', method: 'manual' });
    expect(await post([laptop])).toEqual(['accepted']);
    expect(await post([byAdmin], api.adminToken)).toEqual(['accepted']);
    const name = (await api.call('GET', '/api/devices')).body.items.find((d: { id: string }) => d.id === device.id).name;
    expect((await stored(api, 'T4', laptop.id))?.deviceId).toBe(name);
    expect((await stored(api, 'T5', byAdmin.id))?.deviceId).toBe('user:Room 1 (the other laptop)');
  });

  it("sets a laptop's outbox mark refused for its time aside with that reason, and does not send it again", async () => {
    const clock = new ManualClock(Date.now());
    const outbox = new Outbox(new MemoryOutboxStore(), () => clock.now());
    const transport = fetchTransport({ baseUrl: api.base, token: () => device.token, timeoutMs: 20_000 });
    const sender = new Sender({ outbox, transport, clock, network: alwaysOnline, random: () => 0.5 });
    const fast = mark('T6', Date.now() + 2 * 60 * MINUTE, { sessionId });
    const good = mark('T6', Date.now(), { sessionId });
    await outbox.enqueue(fast);
    await outbox.enqueue(good);
    expect(await sender.flush()).toMatchObject({ confirmed: 1, failed: 1, pending: 0, error: null });
    expect((await outbox.failed()).map((f) => [f.mark.id, f.reason])).toEqual([[fast.id, 'time-out-of-range']]);
    expect((await sender.flush()).requests).toBe(0);
  });

  it('purges by the server clock: a mark dated in the future goes once it was received long enough ago, with its audit entries', async () => {
    await api.call('POST', '/api/students', { studentId: 'P1', name: 'Perpetua Purgewell' });
    const old = mark('P1', Date.now() - 40 * DAY, { method: 'manual' });
    const future = mark('P1', Date.now(), { method: 'manual' });
    expect(await post([old, future], api.adminToken)).toEqual(['accepted', 'accepted']);
    // A correction today: its audit entry is new, its mark is past retention.
    expect((await api.call('PATCH', `/api/attendance/${old.id}`, { status: 'excused', reason: 'doctor' })).status).toBe(200);
    expect((await api.call('GET', `/api/attendance/${old.id}/audit`)).body.items).toHaveLength(1);
    // A mark stored before times were bounded, dated 2099 by its device, received 40 days ago.
    await api.database.db
      .updateTable('attendance_marks')
      .set({ marked_at: Date.UTC(2099, 0, 1), received_at: Date.now() - 40 * DAY })
      .where('id', '=', future.id)
      .execute();
    const purged = (await api.call('POST', '/api/admin/purge')).body;
    expect(purged.marksDeleted).toBeGreaterThanOrEqual(2);
    expect(await stored(api, 'P1', future.id)).toBeUndefined();
    const audit = await api.call('GET', `/api/attendance/${old.id}/audit`);
    expect([audit.status, audit.body.error?.code]).toEqual([404, 'mark-not-found']);
    const left = await api.database.db.selectFrom('attendance_audit').select('before_json').execute();
    expect(left.filter((r) => r.before_json.includes('Perpetua'))).toEqual([]);
  });
});

describe.each(dialects)('text hygiene and caching on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    await api.call('POST', '/api/students', { studentId: 'H1', name: 'Hygiene One' });
    classId = (await api.call('POST', '/api/classes', { name: 'Hygiene', studentIds: ['H1'] })).body.id;
  });
  afterAll(() => api.close());

  it('refuses names with separators, tag characters, fillers, the braille blank or stacked accents', async () => {
    const bad = [
      'Line\u2028Sep',
      'Para\u2029Sep',
      'Tag\u{E0041}\u{E0042}',
      '\u3164',
      'Filler\u3164Name',
      '\u2800',
      'Z' + '\u0301'.repeat(150),
      'Private\uE000',
    ];
    for (const [i, name] of bad.entries()) {
      const res = await api.call('POST', '/api/students', { studentId: `HB${i}`, name });
      expect([JSON.stringify(name), res.status, res.body.error?.code]).toEqual([JSON.stringify(name), 400, 'validation-failed']);
    }
    for (const [i, name] of ['Nguyễn Thị Ánh', 'Nguye\u0302\u0303n', '山田\u3000太郎', 'שָׁלוֹם'].entries()) {
      const res = await api.call('POST', '/api/students', { studentId: `HG${i}`, name });
      expect([name, res.status]).toEqual([name, 201]);
    }
  });

  it('stores free text on one line, without controls, direction overrides, zero-width characters or broken characters', async () => {
    const sessionId = (await api.call('POST', `/api/classes/${classId}/sessions`, {})).body.id;
    const id = uuid();
    const raw = JSON.stringify({
      marks: [
        {
          id,
          studentId: 'H1',
          sessionId,
          deviceId: 'lap\u202Etop\u0000',
          markedAt: iso(Date.now()),
          method: 'manual',
          status: 'excused',
          reason: 'doc\u202Etor\u0000\nvisit\u200B LONE',
        },
      ],
    }).replace('LONE', '\\ud800');
    expect((await api.call('POST', '/api/attendance', undefined, { raw })).status).toBe(200);
    const kept = await stored(api, 'H1', id);
    expect([kept?.reason, kept?.deviceId]).toEqual(['doctor visit \uFFFD', 'user:laptop']);
    const patched = await api.call('PATCH', `/api/attendance/${id}`, { status: 'present', reason: 'back\r\n\u2066in\u2069 class' });
    expect(patched.body.reason).toBe('back in class');
    const consent = await api.call('POST', '/api/students/H1/consent', { status: 'granted', onBehalfOf: 'parent', note: 'form\u200D 12\u2028\u202Dsigned' });
    expect(consent.body.history[0].note).toBe('form 12 signed');
  });

  it('refuses passwords judged as stored: full-width digits, accents counted with their letter, a school word and a year', async () => {
    for (const [i, password] of [
      '１２３４５６７８９０',
      'e\u0301'.repeat(5),
      'Rollcall2026',
      'Teacher2026!',
      'qwertyuiop12',
      '12345678901',
      'aaaaaaaaab',
    ].entries()) {
      const res = await api.call('POST', '/api/users', { email: `weak${i}@school.example`, name: 'Weak', role: 'teacher', password, classIds: [] });
      expect([password, res.status, res.body.error?.code]).toEqual([password, 400, 'validation-failed']);
    }
  });

  it('tells every browser and proxy to keep no copy of an answer: face vectors, personal data, errors', async () => {
    await grantConsent(api, 'H1');
    await api.call('POST', '/api/students/H1/embeddings', {
      embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: vectorB64(128, 5), quality: 0.9, sourceHash: hash('H1') }],
    });
    for (const path of ['/api/students/H1/embeddings?includeVectors=true', '/api/students', '/api/auth/me', '/api/students/NOPE', '/api/no-such-route']) {
      const res = await api.call('GET', path);
      expect([path, res.headers.get('cache-control')]).toEqual([path, 'no-store']);
    }
  });
});
