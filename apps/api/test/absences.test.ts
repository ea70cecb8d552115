// The office's absence follow-up and the school's attendance codes on both databases: a day's
// unexplained absences from ended sessions only, explaining one through the audited correction
// path, a teacher limited to their classes, and code sets refused whole when they contradict
// themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DFE_CODES, PLAIN_CODES } from '@rollcall/contracts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

/** The school day of an instant as the server counts it (its own zone is this process's). */
const dayOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

interface Listed {
  sessionId: string;
  studentId: string;
  markId: string | null;
  className: string;
  period: string | null;
  teachers: string[];
}

describe.each(dialects)('absences on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  let teacherA: Awaited<ReturnType<TestApi['teacher']>>;
  let byClock: string;
  let ended: string;
  let endedB: string;
  let day: string;
  const list = async (token?: string) => (await api.call('GET', `/api/absences?day=${day}`, undefined, token ? { token } : {})).body;
  const keys = (items: Listed[]) => items.map((i) => `${i.sessionId === byClock ? 'clock' : i.sessionId === ended ? 'ended' : 'B'}:${i.studentId}`).sort();

  beforeAll(async () => {
    api = await startApi(dialect);
    for (const [id, name] of [
      ['S1', 'Ada Lovelace'],
      ['S2', 'Ben Okri'],
      ['S3', 'Cleo Diaz'],
      ['S4', 'Dan Wu'],
    ])
      await api.call('POST', '/api/students', { studentId: id, name });
    classA = (await api.call('POST', '/api/classes', { name: 'Year 8 Maths', studentIds: ['S1', 'S2', 'S3'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Year 9 French', studentIds: ['S4'] })).body.id;
    teacherA = await api.teacher([classA]);
    const period = (await api.call('POST', `/api/classes/${classA}/periods`, { label: 'Period 2', weekday: 1, startsAt: '09:00', endsAt: '10:00' })).body;
    day = dayOf(Date.now() - 30 * 60_000);

    // Ended on its clock with nobody ending it: every student is unseen, without a mark.
    byClock = (await api.call('POST', `/api/classes/${classA}/sessions`, { startsAt: ago(30), endsAt: ago(25) })).body.id;
    // Ended by its teacher: S1 seen, S3 excused with a note, S2 marked absent at the end.
    ended = (await api.call('POST', `/api/classes/${classA}/sessions`, { startsAt: ago(20), periodId: period.id })).body.id;
    const mark = (studentId: string, extra: Record<string, unknown>) => ({
      id: uuid(),
      studentId,
      sessionId: ended,
      deviceId: 'd',
      markedAt: ago(19),
      ...extra,
    });
    await api.call('POST', '/api/attendance', {
      marks: [mark('S1', { method: 'face' }), mark('S3', { method: 'manual', status: 'excused', reason: 'Dentist' })],
    });
    await api.call('POST', `/api/sessions/${ended}/end`, { endsAt: ago(10) }, { token: teacherA.token });
    endedB = (await api.call('POST', `/api/classes/${classB}/sessions`, { startsAt: ago(20), endsAt: ago(15) })).body.id;
    // Still running: its register is not final, so nobody in it is listed.
    await api.call('POST', `/api/classes/${classA}/sessions`, { startsAt: ago(5) });
  });
  afterAll(() => api.close());

  it("lists the day's unexplained absences from ended sessions only, with class, period and teacher", async () => {
    const body = await list();
    expect(body.day).toBe(day);
    expect(keys(body.items)).toEqual(['B:S4', 'clock:S1', 'clock:S2', 'clock:S3', 'ended:S2']);
    expect(body.runningSessions).toBe(1);
    const s2 = body.items.find((i: Listed) => i.sessionId === ended)!;
    expect(s2).toMatchObject({ className: 'Year 8 Maths', period: 'Period 2', teachers: [expect.stringMatching(/^Teacher/)], name: 'Ben Okri' });
    expect(s2.markId).not.toBeNull();
    expect(body.items.find((i: Listed) => i.sessionId === byClock).markId).toBeNull();
    // Another day has nothing; a day is a day.
    expect((await api.call('GET', '/api/absences?day=2020-01-06')).body.items).toEqual([]);
    expect((await api.call('GET', '/api/absences?day=yesterday')).body.error.code).toBe('validation-failed');
  });

  it('explains an absence in one step: the mark becomes excused, audited with who changed it, and leaves the list', async () => {
    const s2 = (await list()).items.find((i: Listed) => i.sessionId === ended) as Listed;
    const done = await api.call('POST', '/api/absences/explain', { sessionId: ended, studentId: 'S2', reason: 'Illness' }, { token: teacherA.token });
    expect(done.status).toBe(200);
    expect(done.body.mark).toMatchObject({ id: s2.markId, status: 'excused', reason: 'Illness', markedBy: expect.stringMatching(/^Teacher/) });
    const audit = (await api.call('GET', `/api/attendance/${s2.markId}/audit`)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'update',
      reason: 'Illness',
      by: done.body.mark.markedBy,
      before: { status: 'absent' },
      after: { status: 'excused' },
    });
    expect(keys((await list()).items)).not.toContain('ended:S2');

    // Never marked (the session ended on its clock): the reason makes the mark, by whoever gave it.
    const clock = await api.call('POST', '/api/absences/explain', { sessionId: byClock, studentId: 'S1', reason: 'Mum rang: dentist at 9' });
    expect(clock.body.mark).toMatchObject({ status: 'excused', reason: 'Mum rang: dentist at 9', markedBy: 'Head Admin', method: 'manual' });
    expect(keys((await list()).items)).toEqual(['B:S4', 'clock:S2', 'clock:S3']);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const before = keys((await list()).items);
    const empty = await api.call('POST', '/api/absences/explain', { sessionId: byClock, studentId: 'S2', reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation-failed');
    expect((await api.call('POST', '/api/absences/explain', { sessionId: uuid(), studentId: 'S2', reason: 'Ill' })).body.error.code).toBe('session-not-found');
    expect((await api.call('POST', '/api/absences/explain', { sessionId: byClock, studentId: 'S4', reason: 'Ill' })).body.error.code).toBe('student-not-found');
    expect(keys((await list()).items)).toEqual(before);
  });

  it("shows a teacher their own classes' absences only, and lets them explain no other", async () => {
    const mine = await list(teacherA.token);
    expect(new Set(mine.items.map((i: Listed) => i.sessionId))).toEqual(new Set([byClock]));
    const other = await api.call('POST', '/api/absences/explain', { sessionId: endedB, studentId: 'S4', reason: 'Illness' }, { token: teacherA.token });
    expect(other.status).toBe(403);
    expect(keys((await list()).items)).toContain('B:S4');
  });

  it('keeps the plain codes until an admin chooses a set, and refuses a set that contradicts itself', async () => {
    const plain = (await api.call('GET', '/api/attendance-codes')).body;
    expect(plain).toMatchObject({ ...PLAIN_CODES, chosen: false, updatedBy: null });

    const dfe = await api.call('PUT', '/api/attendance-codes', DFE_CODES);
    expect(dfe.status).toBe(200);
    expect(dfe.body).toMatchObject({ ...DFE_CODES, chosen: true, updatedBy: 'Head Admin' });

    const refused = async (body: unknown, words: string) => {
      const r = await api.call('PUT', '/api/attendance-codes', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation-failed');
      expect(JSON.stringify(r.body.error)).toContain(words);
    };
    const codes = DFE_CODES.codes;
    await refused({ ...DFE_CODES, codes: [...codes, { code: 'i', meaning: 'Ill again', status: 'excused', isDefault: false }] }, 'listed twice');
    await refused({ ...DFE_CODES, codes: [...codes, { code: 'T', meaning: 'Truant', status: 'truant', isDefault: false }] }, 'status');
    await refused({ ...DFE_CODES, codes: codes.map((c) => ({ ...c, isDefault: c.status === 'absent' ? false : c.isDefault })) }, 'default for absent');
    await refused({ ...DFE_CODES, reasons: [{ label: 'Snow day', code: 'Y' }] }, 'not in the list');
    await refused({ ...DFE_CODES, codes: [{ ...codes[0]!, code: 'TOOLONG' }, ...codes.slice(1)] }, 'code');
    expect((await api.call('PUT', '/api/attendance-codes', PLAIN_CODES, { token: teacherA.token })).status).toBe(403);
    // Nothing refused was kept.
    expect((await api.call('GET', '/api/attendance-codes', undefined, { token: teacherA.token })).body).toMatchObject({ ...DFE_CODES, chosen: true });
  });

  it('explains an absence with an unauthorised reason: it stays absent, with its reason, and leaves the list', async () => {
    const late = (await api.call('POST', `/api/classes/${classB}/sessions`, { startsAt: ago(14) })).body.id;
    await api.call('POST', `/api/sessions/${late}/end`, { endsAt: ago(12) });
    const holiday = 'Holiday not agreed by the school';
    const done = await api.call('POST', '/api/absences/explain', { sessionId: late, studentId: 'S4', reason: holiday });
    expect(done.body.mark).toMatchObject({ status: 'absent', reason: holiday, method: 'session-end' });
    const audit = (await api.call('GET', `/api/attendance/${done.body.mark.id}/audit`)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      reason: holiday,
      by: 'Head Admin',
      before: { status: 'absent', reason: null },
      after: { status: 'absent', reason: holiday },
    });
    // Never marked: the mark is made absent with the reason.
    const unmarked = await api.call('POST', '/api/absences/explain', { sessionId: endedB, studentId: 'S4', reason: holiday });
    expect(unmarked.body.mark).toMatchObject({ status: 'absent', reason: holiday, method: 'manual' });
    expect(keys((await list()).items)).toEqual(['clock:S2', 'clock:S3']);
  });
});
