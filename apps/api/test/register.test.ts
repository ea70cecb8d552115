// The class register on both databases: roster x status, manual marks through the mark batch
// (audited with who made them, idempotent on their id), end of session -> explicit absentees,
// a late sighting replacing an automatic absent, attendance rates and the persistent-absence list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

const mark = (studentId: string, sessionId: string, over: Record<string, unknown> = {}) => ({
  id: uuid(),
  studentId,
  sessionId,
  deviceId: 'laptop-1',
  markedAt: new Date().toISOString(),
  method: 'face',
  similarity: 0.93,
  ...over,
});

describe.each(dialects)('register on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  let teacher: { token: string };
  const names = { R1: 'Ann Lee', R2: 'Ben Ortiz', R3: 'Cleo Park', R4: 'Dev Shah', R5: 'José Muñoz' } as const;
  const post = async (marks: unknown[], token?: string) => (await api.call('POST', '/api/attendance', { marks }, token ? { token } : {})).body.results;
  const register = async (sid: string) => (await api.call('GET', `/api/sessions/${sid}/register`)).body;
  const statusOf = (reg: { rows: { studentId: string; status: string }[] }) => Object.fromEntries(reg.rows.map((r) => [r.studentId, r.status]));
  const startSession = async (minutesAgo: number) =>
    (await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), lateAfterMinutes: 10 }))
      .body.id as string;

  beforeAll(async () => {
    api = await startApi(dialect);
    for (const [id, name] of Object.entries(names)) await api.call('POST', '/api/students', { studentId: id, name });
    await api.call('POST', '/api/students', { studentId: 'X1', name: 'Xena Out' });
    classId = (await api.call('POST', '/api/classes', { name: 'Form 7B', studentIds: Object.keys(names) })).body.id;
    teacher = await api.teacher([classId]);
  });
  afterAll(() => api.close());

  it('lists every roster student, not seen until marked, and counts who is here', async () => {
    const sid = await startSession(5);
    expect((await post([mark('R1', sid)]))[0]).toMatchObject({ status: 'accepted', markStatus: 'present' });
    const reg = await register(sid);
    expect(reg.className).toBe('Form 7B');
    expect(reg.rows.map((r: { name: string }) => r.name)).toEqual(['Ann Lee', 'Ben Ortiz', 'Cleo Park', 'Dev Shah', 'José Muñoz']);
    expect(statusOf(reg)).toEqual({ R1: 'present', R2: 'not-seen', R3: 'not-seen', R4: 'not-seen', R5: 'not-seen' });
    expect(reg.counts).toEqual({ total: 5, here: 1, present: 1, late: 0, excused: 0, absent: 0, notSeen: 4 });
    expect(reg.rows[0]).toMatchObject({ method: 'face', markedBy: 'Head Admin', similarity: 0.93, deviceId: 'user:laptop-1' });
  });

  it('sets statuses by hand, changes a face mark, takes one back, audits who did it, and applies a resent change once', async () => {
    const sid = await startSession(5);
    const face = mark('R1', sid);
    await post([face]);
    const excused = mark('R2', sid, { method: 'manual', status: 'excused', reason: 'Dentist', similarity: null });
    const late = mark('R1', sid, { method: 'manual', status: 'late', similarity: null });
    const results = await post([excused, late, mark('R3', sid, { method: 'manual', status: 'absent' })], teacher.token);
    expect(results.map((r: { status: string; markStatus: string }) => [r.status, r.markStatus])).toEqual([
      ['accepted', 'excused'],
      ['accepted', 'late'],
      ['accepted', 'absent'],
    ]);
    expect(results[1].existingId).toBe(face.id);
    let reg = await register(sid);
    expect(statusOf(reg)).toMatchObject({ R1: 'late', R2: 'excused', R3: 'absent', R4: 'not-seen' });
    const r2 = reg.rows.find((r: { studentId: string }) => r.studentId === 'R2');
    expect(r2).toMatchObject({ reason: 'Dentist', method: 'manual', markedBy: 'Teacher 1' });
    const audit = (await api.call('GET', `/api/attendance/${face.id}/audit`)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ id: late.id, action: 'update', by: 'Teacher 1', before: { status: 'present' }, after: { status: 'late' } });

    // A face sighting after a manual status changes nothing: the student is marked in this session.
    expect((await post([mark('R2', sid)]))[0]).toMatchObject({ status: 'duplicate', reason: 'already-marked' });

    const back = mark('R3', sid, { method: 'manual', status: 'not-seen' });
    expect((await post([back], teacher.token))[0]).toMatchObject({ status: 'accepted', markStatus: 'not-seen' });
    // Set R1 present again, then resend the old 'late' change: it was applied before and is not again.
    await post([mark('R1', sid, { method: 'manual', status: 'present' })], teacher.token);
    expect((await post([late], teacher.token))[0]).toMatchObject({ status: 'duplicate', reason: 'already-received' });
    expect((await post([back], teacher.token))[0]).toMatchObject({ status: 'duplicate', reason: 'already-received' });
    reg = await register(sid);
    expect(statusOf(reg)).toMatchObject({ R1: 'present', R2: 'excused', R3: 'not-seen' });
  });

  it("refuses 'not-seen' without a session, and a manual mark in another class's session", async () => {
    const bad = await api.call('POST', '/api/attendance', { marks: [{ ...mark('R1', uuid(), { method: 'manual', status: 'not-seen' }), sessionId: null }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation-failed');
    const other = (await api.call('POST', '/api/classes', { name: 'Other class', studentIds: ['X1'] })).body.id;
    const otherSession = (await api.call('POST', `/api/classes/${other}/sessions`, {})).body.id;
    expect((await post([mark('X1', otherSession, { method: 'manual', status: 'present' })], teacher.token))[0]).toMatchObject({
      status: 'rejected',
      reason: 'forbidden',
    });
  });

  it('ending a session marks everyone without a mark absent, once; a sighting sent later replaces the automatic absent', async () => {
    const sid = await startSession(30);
    await post([mark('R1', sid, { markedAt: new Date(Date.now() - 25 * 60_000).toISOString() }), mark('R2', sid, { method: 'manual', status: 'excused' })]);
    const ended = await api.call('POST', `/api/sessions/${sid}/end`, {}, { token: teacher.token });
    expect(ended.status).toBe(200);
    expect(ended.body.markedAbsent).toBe(3);
    expect(ended.body.session.active).toBe(false);
    const reg = await register(sid);
    expect(statusOf(reg)).toEqual({ R1: 'present', R2: 'excused', R3: 'absent', R4: 'absent', R5: 'absent' });
    expect(reg.counts).toMatchObject({ here: 1, absent: 3, notSeen: 0 });
    expect(reg.rows.find((r: { studentId: string }) => r.studentId === 'R4')).toMatchObject({ method: 'session-end', markedBy: 'Teacher 1' });
    // Ending again adds nobody.
    expect((await api.call('POST', `/api/sessions/${sid}/end`)).body.markedAbsent).toBe(0);
    // A laptop that was offline sends R3's sighting from 20 minutes ago (late): it wins over the automatic absent.
    const seen = mark('R3', sid, { markedAt: new Date(Date.now() - 10 * 60_000).toISOString() });
    expect((await post([seen]))[0]).toMatchObject({ status: 'accepted', markStatus: 'late' });
    expect(statusOf(await register(sid))).toMatchObject({ R3: 'late', R4: 'absent' });
    // The daily statistics name the absent of the day's ended registers, and count them as those registers do.
    const day = new Date().toISOString().slice(0, 10);
    const [stats] = (await api.call('GET', `/api/stats/daily?from=${day}&to=${day}&classId=${classId}`)).body.days;
    type Reg = { session: { active: boolean }; rows: { name: string; status: string; onRoster: boolean }[] };
    const over = ((await api.call('GET', `/api/registers?classId=${classId}&from=${day}&to=${day}`)).body.items as Reg[]).filter((r) => !r.session.active);
    const missed = over.flatMap((r) => r.rows.filter((row) => row.onRoster && (row.status === 'absent' || row.status === 'not-seen')));
    expect(stats.absent).toBe(missed.length);
    expect(stats.absentStudents.map((s: { name: string }) => s.name)).toEqual([...new Set(missed.map((r) => r.name))].sort((a, b) => a.localeCompare(b)));
    expect(stats.absentStudents.map((s: { name: string }) => s.name)).toContain('Dev Shah');
  });

  it('refuses to end a session before its start, and a session of another class for a teacher', async () => {
    const sid = await startSession(5);
    const early = await api.call('POST', `/api/sessions/${sid}/end`, { endsAt: new Date(Date.now() - 60 * 60_000).toISOString() });
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('validation-failed');
    expect((await api.call('POST', `/api/sessions/${uuid()}/end`)).body.error.code).toBe('session-not-found');
  });

  it('gives attendance rates over a range and lists students below a threshold', async () => {
    const api2 = await startApi(dialect);
    try {
      for (const [id, name] of Object.entries(names)) await api2.call('POST', '/api/students', { studentId: id, name });
      const cid = (await api2.call('POST', '/api/classes', { name: 'Rates', studentIds: ['R1', 'R2', 'R3', 'R4'] })).body.id;
      // Ten ended sessions on ten days: R1 every time, R2 nine, R3 late in five and absent in five, R4 excused in two.
      for (let d = 1; d <= 10; d++) {
        const day = `2026-03-${String(d).padStart(2, '0')}`;
        const sid = (await api2.call('POST', `/api/classes/${cid}/sessions`, { startsAt: `${day}T08:00:00+01:00`, lateAfterMinutes: 10 })).body.id;
        const marks = [mark('R1', sid, { markedAt: `${day}T08:01:00+01:00` })];
        if (d !== 4) marks.push(mark('R2', sid, { markedAt: `${day}T08:02:00+01:00` }));
        if (d <= 5) marks.push(mark('R3', sid, { markedAt: `${day}T08:30:00+01:00` }));
        marks.push(
          d <= 2
            ? mark('R4', sid, { method: 'manual', status: 'excused', markedAt: `${day}T08:00:00+01:00` })
            : mark('R4', sid, { markedAt: `${day}T08:03:00+01:00` }),
        );
        await api2.call('POST', '/api/attendance', { marks });
        await api2.call('POST', `/api/sessions/${sid}/end`, { endsAt: `${day}T09:00:00+01:00` });
      }
      const all = (await api2.call('GET', '/api/stats/students?from=2026-03-01&to=2026-03-31')).body.items;
      const by = Object.fromEntries(all.map((r: { studentId: string }) => [r.studentId, r]));
      expect(by.R1).toMatchObject({ sessions: 10, present: 10, rate: 1 });
      expect(by.R2).toMatchObject({ sessions: 10, present: 9, absent: 1, rate: 0.9 });
      expect(by.R3).toMatchObject({ sessions: 10, late: 5, absent: 5, rate: 0.5 });
      expect(by.R4).toMatchObject({ sessions: 10, present: 8, excused: 2, rate: 0.8 });
      expect(by.R5).toBeUndefined(); // not on the roster
      const below = (await api2.call('GET', '/api/stats/students?from=2026-03-01&to=2026-03-31&below=0.9')).body.items;
      expect(below.map((r: { name: string }) => r.name)).toEqual(['Cleo Park', 'Dev Shah']);
      const firstDays = (await api2.call('GET', '/api/stats/students?from=2026-03-01&to=2026-03-03')).body.items;
      expect(firstDays.find((r: { studentId: string }) => r.studentId === 'R3')).toMatchObject({ sessions: 3, late: 3, rate: 1 });
      const registers = (await api2.call('GET', `/api/registers?classId=${cid}&from=2026-03-04&to=2026-03-05`)).body.items;
      expect(registers).toHaveLength(2);
      expect(registers[0].rows.filter((r: { status: string }) => r.status === 'absent').map((r: { name: string }) => r.name)).toEqual(['Ben Ortiz']);
      expect(registers[0].rows.find((r: { studentId: string }) => r.studentId === 'R4').markedAt).toBe('2026-03-04T08:03:00.000+01:00');
    } finally {
      await api2.close();
    }
  });
});
