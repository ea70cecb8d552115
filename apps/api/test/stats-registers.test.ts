// The statistics, counted in SQL, say what the registers say in the awkward cases too: a pupil
// moved to another class (today's rosters count, the old class's register lists them apart), a
// corrected mark, an absence explained with a coded reason, a session still running, and a day
// mark outside any session. Each class's figures are rebuilt here from /api/registers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DFE_CODES, type Register } from '@rollcall/contracts';
import { dialects, startApi, type TestApi } from './context.ts';
import { ago, mark } from './marks.ts';

const DAY = '2026-03-03';
const at = (hhmm: string) => `${DAY}T${hhmm}:00+01:00`;

/** A class's figures over its registers, by the registers' own rules (not seen at the end: absent). */
function fromRegisters(registers: Register[]) {
  const ended = registers.filter((r) => r.session.endsAt !== null && Date.parse(r.session.endsAt) <= Date.now());
  const running = registers.filter((r) => !ended.includes(r) && Date.parse(r.session.startsAt) <= Date.now());
  const sum = (rs: Register[], k: keyof Register['counts']) => rs.reduce((n, r) => n + r.counts[k], 0);
  const absent = new Map(
    ended.flatMap((r) => r.rows.filter((x) => x.onRoster && (x.status === 'absent' || x.status === 'not-seen')).map((x) => [x.studentId, x.name])),
  );
  return {
    sessions: ended.length,
    expected: sum(ended, 'total'),
    present: sum(ended, 'present'),
    late: sum(ended, 'late'),
    excused: sum(ended, 'excused'),
    absent: sum(ended, 'absent') + sum(ended, 'notSeen'),
    running: running.length ? { sessions: running.length, here: sum(running, 'here'), total: sum(running, 'total') } : null,
    absentStudents: [...absent].map(([studentId, name]) => ({ studentId, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

describe.each(dialects)('statistics against registers on %s', (dialect) => {
  let api: TestApi;
  let classX: string;
  let classY: string;
  const post = async (marks: unknown[]) => {
    const res = await api.call('POST', '/api/attendance', { marks });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(marks.map(() => 'accepted'));
    return res.body.results as { id: string }[];
  };
  const registers = async (classId: string, from: string, to: string) =>
    (await api.call('GET', `/api/registers?classId=${classId}&from=${from}&to=${to}`)).body.items as Register[];
  const statRow = async (classId: string, from: string, to: string) => {
    const days = (await api.call('GET', `/api/stats/daily?from=${from}&to=${to}&classId=${classId}`)).body.days as Record<string, unknown>[];
    expect(days).toHaveLength(1);
    return days[0]!;
  };

  beforeAll(async () => {
    api = await startApi(dialect);
    expect((await api.call('PUT', '/api/attendance-codes', DFE_CODES)).status).toBe(200);
    const students = { P1: 'Pia', P2: 'Paul', P3: 'Petra', P4: 'Pim', Q1: 'Quinn', Q2: 'Queenie' };
    for (const [studentId, name] of Object.entries(students)) await api.call('POST', '/api/students', { studentId, name });
    classX = (await api.call('POST', '/api/classes', { name: 'Form X', studentIds: ['P1', 'P2', 'P3', 'P4'] })).body.id;
    classY = (await api.call('POST', '/api/classes', { name: 'Form Y', studentIds: ['Q1', 'Q2'] })).body.id;

    const x = (await api.call('POST', `/api/classes/${classX}/sessions`, { startsAt: at('08:00'), endsAt: at('09:00'), lateAfterMinutes: 10 })).body.id;
    const [, , p3] = await post([mark('P1', x, at('08:01')), mark('P2', x, at('08:20')), mark('P3', x, at('08:02'))]);
    // Petra's present mark corrected to excused afterwards: the register shows the correction.
    expect((await api.call('PATCH', `/api/attendance/${p3!.id}`, { status: 'excused', reason: 'Dentist' })).status).toBe(200);

    const y = (await api.call('POST', `/api/classes/${classY}/sessions`, { startsAt: at('10:00'), endsAt: at('11:00'), lateAfterMinutes: 10 })).body.id;
    await post([mark('Q1', y, at('10:01'))]);
    // Queenie's absence explained with one of the school's coded reasons: it counts as its code's status.
    expect((await api.call('POST', '/api/absences/explain', { sessionId: y, studentId: 'Q2', reason: DFE_CODES.reasons[0]!.label })).status).toBe(200);
    // A gate mark outside any session counts nowhere.
    await post([mark('Q1', null, at('07:45'))]);

    // Pia moves from Form X to Form Y after the day: today's rosters decide who each register counts.
    expect((await api.call('DELETE', `/api/classes/${classX}/students/P1`)).status).toBeLessThan(300);
    expect((await api.call('PUT', `/api/classes/${classY}/students/P1`)).status).toBeLessThan(300);

    // Form X today: a session running now, Paul already here.
    const running = (await api.call('POST', `/api/classes/${classX}/sessions`, { startsAt: ago(5), lateAfterMinutes: 10 })).body.id;
    await post([mark('P2', running, ago(4))]);
  });
  afterAll(() => api.close());

  it('counts each ended class day as its registers do', async () => {
    for (const classId of [classX, classY]) {
      const row = await statRow(classId, DAY, DAY);
      expect(row).toMatchObject(fromRegisters(await registers(classId, DAY, DAY)));
    }
    // Pia's present mark stays on Form X's register, apart from its roster, and counts nowhere there.
    const [xReg] = await registers(classX, DAY, DAY);
    expect(xReg!.rows.find((r) => r.studentId === 'P1')).toMatchObject({ onRoster: false, status: 'present' });
    expect(await statRow(classX, DAY, DAY)).toMatchObject({ expected: 3, present: 0, late: 1, excused: 1, absent: 1 });
    // In Form Y she was not seen in a session of her class (as the roster is today): absent.
    expect(await statRow(classY, DAY, DAY)).toMatchObject({
      expected: 3,
      present: 1,
      absentStudents: expect.arrayContaining([{ studentId: 'P1', name: 'Pia' }]),
    });
  });

  it('reports the running session apart, as its register stands so far', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const row = await statRow(classX, from, to);
    expect(row).toMatchObject({ ...fromRegisters(await registers(classX, from, to)), sessions: 0, expected: 0, rate: null });
    expect(row.running).toEqual({ sessions: 1, here: 1, total: 3 });
  });

  it('adds the classes up into the whole-school row, with no row for the gate mark', async () => {
    const days = (await api.call('GET', `/api/stats/daily?from=${DAY}&to=${DAY}`)).body.days as Record<string, number | null>[];
    expect(days.map((d) => d.classId)).toEqual([classX, classY, null]);
    const [x, y, all] = days;
    for (const k of ['sessions', 'expected', 'present', 'late', 'excused', 'absent'] as const) expect(all![k]).toBe(x![k]! + y![k]!);
  });

  it("gives per-student rates that count each ended register's roster rows", async () => {
    const rates = (await api.call('GET', `/api/stats/students?from=${DAY}&to=${DAY}`)).body;
    expect(rates.runningSessions).toBe(0);
    const expected = new Map<string, Record<string, number | string>>();
    for (const reg of [...(await registers(classX, DAY, DAY)), ...(await registers(classY, DAY, DAY))])
      for (const row of reg.rows.filter((r) => r.onRoster)) {
        const r = expected.get(row.studentId) ?? { studentId: row.studentId, name: row.name, sessions: 0, present: 0, late: 0, excused: 0, absent: 0 };
        (r.sessions as number)++;
        (r[row.status === 'not-seen' ? 'absent' : row.status] as number)++;
        expected.set(row.studentId, r);
      }
    expect(rates.items).toHaveLength(expected.size);
    for (const item of rates.items) expect(item).toMatchObject(expected.get(item.studentId)!);
  });
});
