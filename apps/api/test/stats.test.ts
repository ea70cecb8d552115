// Statistics that agree with the register, on both databases: a student whose class had no
// session that day is not absent, a day mark outside any session makes no "No class" row, a
// running session is reported apart ("so far") and counts in no rate until it ends, and the
// figures of a class's day are the counts of its ended sessions' registers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, type TestApi } from './context.ts';
import { ago, mark } from './marks.ts';

const DAY = '2026-02-10';
const at = (hhmm: string) => `${DAY}T${hhmm}:00+01:00`;

describe.each(dialects)('statistics on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  let classC: string;
  const post = async (marks: unknown[]) => {
    const res = await api.call('POST', '/api/attendance', { marks });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(marks.map(() => 'accepted'));
  };
  const stats = async (from: string, to: string, query = '', token?: string) =>
    (await api.call('GET', `/api/stats/daily?from=${from}&to=${to}${query}`, undefined, token ? { token } : {})).body.days as Record<string, unknown>[];
  // The UTC days around now: a session started minutes ago has its school day in there.
  const around = () => [new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)] as const;

  beforeAll(async () => {
    api = await startApi(dialect);
    const students = { A1: 'Ann', A2: 'Ben', A3: 'Cleo', A4: 'Dev', B1: 'Eve', B2: 'Finn', C1: 'Gus', C2: 'Hana', C3: 'Ivo' };
    for (const [studentId, name] of Object.entries(students)) await api.call('POST', '/api/students', { studentId, name });
    classA = (await api.call('POST', '/api/classes', { name: 'Form A', studentIds: ['A1', 'A2', 'A3', 'A4'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Form B', studentIds: ['B1', 'B2'] })).body.id;
    classC = (await api.call('POST', '/api/classes', { name: 'Form C', studentIds: ['C1', 'C2', 'C3'] })).body.id;

    // Form A met on DAY and the session is over (its end time passed; nobody pressed "End").
    const a = (await api.call('POST', `/api/classes/${classA}/sessions`, { startsAt: at('08:00'), endsAt: at('09:00'), lateAfterMinutes: 10 })).body.id;
    await post([
      mark('A1', a, at('08:01')),
      mark('A2', a, at('08:20')),
      mark('A3', a, at('08:00'), { method: 'manual', status: 'excused', similarity: null, reason: 'Dentist' }),
    ]);
    // Form B had no session on DAY; one of its students was marked at the gate (no session).
    await post([mark('B1', null, at('07:50'))]);

    // Form C today: an earlier session ended by the teacher, and one running now. Both must fall
    // on today's UTC day, so soon after midnight the two hours before now shrink to the minutes
    // since it (a run at 00:29 once put the ended session on yesterday).
    const sinceMidnight = () => (Date.now() % 86_400_000) / 60_000;
    while (sinceMidnight() < 1) await new Promise((r) => setTimeout(r, 1_000));
    const span = Math.min(120, sinceMidnight() - 0.5);
    const ended = (await api.call('POST', `/api/classes/${classC}/sessions`, { startsAt: ago(span), lateAfterMinutes: 10 })).body.id;
    await post([mark('C1', ended, ago(span * 0.98))]);
    expect((await api.call('POST', `/api/sessions/${ended}/end`, { endsAt: ago(span / 2) })).body.markedAbsent).toBe(2);
    const running = (await api.call('POST', `/api/classes/${classC}/sessions`, { startsAt: ago(span / 24), lateAfterMinutes: 10 })).body.id;
    await post([mark('C2', running, ago(span / 30))]);
  });
  afterAll(() => api.close());

  it("counts an ended session's not-seen students as absent and nobody from a class with no session", async () => {
    const days = await stats(DAY, DAY);
    expect(days).toEqual([
      {
        day: DAY,
        classId: classA,
        className: 'Form A',
        sessions: 1,
        expected: 4,
        present: 1,
        late: 1,
        excused: 1,
        absent: 1,
        rate: 0.5,
        running: null,
        absentStudents: [{ studentId: 'A4', name: 'Dev' }],
      },
      // The whole school is Form A that day: Form B's students had no session to miss, and the
      // gate mark outside any session makes no "No class" row.
      { day: DAY, classId: null, className: null, sessions: 1, expected: 4, present: 1, late: 1, excused: 1, absent: 1, rate: 0.5, running: null },
    ]);
    expect(days.some((d) => d.classId === classB)).toBe(false);
  });

  it("equals what the class's registers say", async () => {
    const registers = (await api.call('GET', `/api/registers?classId=${classA}&from=${DAY}&to=${DAY}`)).body.items;
    const sum = (k: string) => registers.reduce((n: number, r: { counts: Record<string, number> }) => n + r.counts[k]!, 0);
    const [row] = await stats(DAY, DAY, `&classId=${classA}`);
    expect(row).toMatchObject({
      sessions: registers.length,
      expected: sum('total'),
      present: sum('present'),
      late: sum('late'),
      excused: sum('excused'),
      // The session is over: whoever is still "not seen" on its register was absent.
      absent: sum('absent') + sum('notSeen'),
    });
  });

  it('reports a running session apart, as "so far", and counts only the ended one', async () => {
    const [from, to] = around();
    const c = (await stats(from, to, `&classId=${classC}`)).filter((d) => d.classId === classC);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({
      sessions: 1,
      expected: 3,
      present: 1,
      late: 0,
      absent: 2,
      rate: 1 / 3,
      running: { sessions: 1, here: 1, total: 3 },
      absentStudents: [
        { studentId: 'C2', name: 'Hana' },
        { studentId: 'C3', name: 'Ivo' },
      ],
    });
  });

  it('gives per-student rates over ended sessions only, and says how many sessions still run', async () => {
    const [from, to] = around();
    const rates = (await api.call('GET', `/api/stats/students?from=${from}&to=${to}&classId=${classC}`)).body;
    expect(rates.runningSessions).toBe(1);
    const by = Object.fromEntries(rates.items.map((r: { studentId: string }) => [r.studentId, r]));
    // Hana is here in the running session, absent in the ended one: the running one counts for nobody yet.
    expect(by.C2).toMatchObject({ sessions: 1, present: 0, absent: 1, rate: 0 });
    expect(by.C1).toMatchObject({ sessions: 1, present: 1, rate: 1 });
    const dayA = (await api.call('GET', `/api/stats/students?from=${DAY}&to=${DAY}`)).body;
    expect(dayA.runningSessions).toBe(0);
    expect(dayA.items.map((r: { studentId: string }) => r.studentId).sort()).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it("gives a teacher their own classes' rows and no whole-school row", async () => {
    const teacher = await api.teacher([classA]);
    const days = await stats(DAY, DAY, '', teacher.token);
    expect(days.map((d) => d.classId)).toEqual([classA]);
  });
});
