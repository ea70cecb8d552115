// Attendance: idempotent batches, once per session, the cooldown, late marks, corrections with an
// audit trail, clearing a log, statistics, and 20 parallel overlapping batches, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

const mark = (studentId: string, markedAt: string, over: Record<string, unknown> = {}) => ({
  id: uuid(),
  studentId,
  deviceId: 'laptop-1',
  markedAt,
  method: 'face',
  similarity: 0.96,
  ...over,
});

describe.each(dialects)('attendance on %s', (dialect) => {
  let api: TestApi;
  let classId: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    for (let i = 1; i <= 30; i++) await api.call('POST', '/api/students', { studentId: `S${String(i).padStart(3, '0')}`, name: `Student ${i}` });
    const c = await api.call('POST', '/api/classes', { name: 'Math 101, period 2', studentIds: ['S001', 'S002', 'S003', 'S004'] });
    classId = c.body.id;
  });
  afterAll(() => api.close());

  it('accepts a batch, and resending it changes nothing and says which ids were known', async () => {
    const batch = [mark('S010', '2026-11-20T08:00:00+01:00'), mark('S011', '2026-11-20T08:00:05+01:00')];
    const first = await api.call('POST', '/api/attendance', { marks: batch });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    const again = await api.call('POST', '/api/attendance', { marks: batch });
    expect(again.body.results).toEqual(batch.map((m) => ({ id: m.id, status: 'duplicate', reason: 'already-received', existingId: m.id })));
    const list = await api.call('GET', '/api/attendance?from=2026-11-20&to=2026-11-20');
    expect(list.body.total).toBe(2);
    const stored = list.body.items.find((m: { id: string }) => m.id === batch[0]!.id);
    expect(stored).toMatchObject({
      studentId: 'S010',
      studentName: 'Student 10',
      markedAt: '2026-11-20T08:00:00.000+01:00',
      day: '2026-11-20',
      status: 'present',
      method: 'face',
      similarity: 0.96,
    });
  });

  it('reports a second mark within the cooldown as a duplicate, and accepts one after it', async () => {
    const a = mark('S012', '2026-11-20T10:00:00Z');
    const b = mark('S012', '2026-11-20T10:00:30Z');
    const c = mark('S012', '2026-11-20T10:01:30Z');
    const res = await api.call('POST', '/api/attendance', { marks: [a, b, c] });
    expect(res.body.results).toEqual([
      { id: a.id, status: 'accepted', markStatus: 'present' },
      { id: b.id, status: 'duplicate', reason: 'cooldown', existingId: a.id },
      { id: c.id, status: 'accepted', markStatus: 'present' },
    ]);
    // A device that was offline sends an older mark later: still inside the cooldown of a stored one.
    const late = mark('S012', '2026-11-20T09:59:45Z');
    expect((await api.call('POST', '/api/attendance', { marks: [late] })).body.results[0]).toMatchObject({
      status: 'duplicate',
      reason: 'cooldown',
      existingId: a.id,
    });
  });

  it('marks a student once per session, late after the threshold, and rejects unknown students and sessions', async () => {
    const start = new Date(Date.now() - 30 * 60_000);
    const session = await api.call('POST', `/api/classes/${classId}/sessions`, { startsAt: start.toISOString(), lateAfterMinutes: 10 });
    expect(session.status).toBe(201);
    const sid = session.body.id;
    const at = (min: number) => new Date(start.getTime() + min * 60_000).toISOString();
    const onTime = mark('S001', at(2), { sessionId: sid });
    const lateOne = mark('S002', at(15), { sessionId: sid });
    const twice = mark('S001', at(20), { sessionId: sid });
    const ghost = mark('S999', at(3), { sessionId: sid });
    const noSession = mark('S003', at(4), { sessionId: uuid() });
    const res = await api.call('POST', '/api/attendance', { marks: [onTime, lateOne, twice, ghost, noSession] });
    expect(res.body.results).toEqual([
      { id: onTime.id, status: 'accepted', markStatus: 'present' },
      { id: lateOne.id, status: 'accepted', markStatus: 'late' },
      { id: twice.id, status: 'duplicate', reason: 'already-marked', existingId: onTime.id },
      { id: ghost.id, status: 'rejected', reason: 'student-not-found' },
      { id: noSession.id, status: 'rejected', reason: 'session-not-found' },
    ]);
    const list = await api.call('GET', `/api/attendance?sessionId=${sid}`);
    expect(list.body.items.map((m: { studentId: string; classId: string }) => [m.studentId, m.classId]).sort()).toEqual([
      ['S001', classId],
      ['S002', classId],
    ]);
  });

  it('refuses a malformed batch as a whole', async () => {
    const good = mark('S020', '2026-11-21T08:00:00Z');
    for (const bad of [
      { ...mark('S020', '2026-11-21T08:00:00Z'), id: 'not-a-uuid' },
      { ...mark('S020', 'yesterday') },
      { ...mark('S020', '2026-11-21T08:00:00') }, // no zone
      { ...mark('S020', '2026-11-21T08:00:00Z'), method: 'psychic' },
      { ...mark('S020', '2026-11-21T08:00:00Z'), similarity: 7 },
    ]) {
      const res = await api.call('POST', '/api/attendance', { marks: [good, bad] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation-failed');
    }
    expect((await api.call('POST', '/api/attendance', { marks: [] })).status).toBe(400);
    expect((await api.call('GET', '/api/attendance?studentId=S020')).body.total).toBe(0);
  });

  it('corrects a mark with an audit trail, and clears a session log after recording each mark', async () => {
    const session = await api.call('POST', `/api/classes/${classId}/sessions`, { lateAfterMinutes: 5 });
    const sid = session.body.id;
    const m1 = mark('S003', new Date().toISOString(), { sessionId: sid });
    const m2 = mark('S004', new Date().toISOString(), { sessionId: sid });
    await api.call('POST', '/api/attendance', { marks: [m1, m2] });
    const patched = await api.call('PATCH', `/api/attendance/${m1.id}`, { status: 'excused', reason: 'doctor note' });
    expect(patched.body.status).toBe('excused');
    const audit = await api.call('GET', `/api/attendance/${m1.id}/audit`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'update', reason: 'doctor note', before: { status: 'present' }, after: { status: 'excused' } });
    expect((await api.call('PATCH', `/api/attendance/${uuid()}`, { status: 'late' })).body.error.code).toBe('mark-not-found');
    expect((await api.call('PATCH', `/api/attendance/${m1.id}`, { status: 'gone' })).status).toBe(400);

    const cleared = await api.call('DELETE', `/api/sessions/${sid}/marks`, { reason: 'test run' });
    expect(cleared.body).toEqual({ deleted: 2 });
    expect((await api.call('GET', `/api/attendance?sessionId=${sid}`)).body.total).toBe(0);
    const trail = await api.call('GET', `/api/attendance/${m2.id}/audit`);
    expect(trail.body.items[0]).toMatchObject({ action: 'delete', reason: 'test run', after: null, before: { studentId: 'S004' } });
    // After clearing, the student can be marked in that session again.
    const again = mark('S004', new Date(Date.now() + 120_000).toISOString(), { sessionId: sid });
    expect((await api.call('POST', '/api/attendance', { marks: [again] })).body.results[0].status).toBe('accepted');
  });

  it('counts present, late, excused and absent per day and class', async () => {
    const c = await api.call('POST', '/api/classes', { name: 'Stats class', studentIds: ['S021', 'S022', 'S023', 'S024', 'S025'] });
    const sid = (
      await api.call('POST', `/api/classes/${c.body.id}/sessions`, {
        startsAt: '2026-11-23T08:00:00+01:00',
        endsAt: '2026-11-23T09:00:00+01:00',
        lateAfterMinutes: 10,
      })
    ).body.id;
    await api.call('POST', '/api/attendance', {
      marks: [
        mark('S021', '2026-11-23T08:01:00+01:00', { sessionId: sid }),
        mark('S022', '2026-11-23T08:02:00+01:00', { sessionId: sid }),
        mark('S023', '2026-11-23T08:30:00+01:00', { sessionId: sid }),
        mark('S024', '2026-11-23T08:03:00+01:00', { sessionId: sid, method: 'manual', status: 'excused' }),
      ],
    });
    const stats = await api.call('GET', `/api/stats/daily?from=2026-11-23&to=2026-11-23&classId=${c.body.id}`);
    expect(stats.body.days).toEqual([
      {
        day: '2026-11-23',
        classId: c.body.id,
        className: 'Stats class',
        sessions: 1,
        expected: 5,
        present: 2,
        late: 1,
        excused: 1,
        absent: 1,
        rate: 0.6,
        running: null,
        absentStudents: [{ studentId: 'S025', name: 'Student 25' }],
      },
    ]);
    // The school's row adds up the classes that met: the 25 students with no session that day are not absent.
    const school = await api.call('GET', '/api/stats/daily?from=2026-11-23&to=2026-11-23');
    expect(school.body.days.find((d: { classId: string | null }) => d.classId === null)).toMatchObject({
      expected: 5,
      present: 2,
      late: 1,
      excused: 1,
      absent: 1,
    });
    expect((await api.call('GET', '/api/stats/daily?from=2026-13-01&to=2026-11-23')).status).toBe(400);
  });

  it('leaves exactly one mark per student per session under 20 parallel overlapping batches', async () => {
    const c = await api.call('POST', '/api/classes', {
      name: 'Concurrency',
      studentIds: Array.from({ length: 30 }, (_, i) => `S${String(i + 1).padStart(3, '0')}`),
    });
    const sid = (await api.call('POST', `/api/classes/${c.body.id}/sessions`, {})).body.id;
    const now = Date.now();
    // Every device sees the same 30 students (new mark ids each), and devices resend each other's batches.
    const batches = Array.from({ length: 20 }, (_, d) =>
      Array.from({ length: 30 }, (_, i) =>
        mark(`S${String(((i + d) % 30) + 1).padStart(3, '0')}`, new Date(now + d * 1000 + i).toISOString(), { sessionId: sid, deviceId: `laptop-${d}` }),
      ),
    );
    const shared = batches[0]!;
    const responses = await Promise.all(batches.map((b, d) => api.call('POST', '/api/attendance', { marks: d % 2 ? [...b, ...shared.slice(0, 5)] : b })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const rows = await api.database.db.selectFrom('attendance_marks').select(['student_id']).where('session_id', '=', sid).execute();
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.student_id)).size).toBe(30);
    const accepted = responses.flatMap((r) => r.body.results).filter((r: { status: string }) => r.status === 'accepted');
    expect(accepted).toHaveLength(30);
  });
});
