// The school the statistics summary's tests run on (stats-summary.test.ts, stats-summary-warm.test.ts):
// three classes with settled sessions on two past days, a day mark, and today a session ended minutes
// ago (not settled) and one running; with the calls to write to it and the check that every answer
// through the summary equals the live count.
import { expect } from 'vitest';
import { createServices } from '../src/services.ts';
import { ALL, type Scope } from '../src/shared/actor.ts';
import { startApi, type Dialect, type TestApi } from './context.ts';
export { ago, mark } from './marks.ts';
import { ago, mark } from './marks.ts';

export const D1 = '2026-01-12';
export const D2 = '2026-01-13';
export const at = (day: string, hhmm: string) => `${day}T${hhmm}:00Z`;
export const FROM = '2026-01-01';
export const TO = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
export const byHand = (status: string, reason?: string) => ({ method: 'manual', similarity: null, status, ...(reason && { reason }) });

export type StatsSummarySchool = Awaited<ReturnType<typeof statsSummarySchool>>;

export async function statsSummarySchool(dialect: Dialect) {
  const api: TestApi = await startApi(dialect);
  const services = createServices({ db: api.database.db, dialect, now: Date.now, cooldownMs: 0 }, { retentionDays: null });
  const cls = { A: '', B: '', C: '' };
  const ses = { A1: '', A1b: '', A2: '', B2: '', C2: '', Bnow: '', Cnow: '' };
  const markIds = { S2A1: '', S1A2: '' };

  const post = async (marks: ReturnType<typeof mark>[]) => {
    const res = await api.call('POST', '/api/attendance', { marks });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(marks.map(() => 'accepted'));
    return marks.map((m) => m.id);
  };
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await api.call(method, path, body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  };
  const session = async (classId: string, startsAt: string, endsAt?: string) =>
    (await ok('POST', `/api/classes/${classId}/sessions`, { startsAt, ...(endsAt && { endsAt }), lateAfterMinutes: 10 })).id as string;
  const summaryRows = async () =>
    Number(
      (
        await api.database.db
          .selectFrom('class_day_summaries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const emptySummary = async () => {
    await api.database.db.deleteFrom('class_day_summaries').execute();
    await api.database.db.deleteFrom('class_day_student_statuses').execute();
  };

  /** Every answer through the summary (read by `through`) equals the live count: the whole school, one class, a teacher's classes, the rates with and without a threshold. */
  async function expectSameAsLive(through: typeof services = services) {
    const teacher: Scope = { all: false, classIds: new Set(Object.values(cls).slice(0, 2)) };
    const asks = [
      (live: boolean) => through.stats.daily(FROM, TO, undefined, ALL, { live }),
      (live: boolean) => through.stats.daily(FROM, TO, cls.A, ALL, { live }),
      (live: boolean) => through.stats.daily(D1, D1, undefined, teacher, { live }),
      (live: boolean) => through.rates.rates({ from: FROM, to: TO }, ALL, { live }),
      (live: boolean) => through.rates.rates({ from: D2, to: TO, below: 0.9 }, teacher, { live }),
    ];
    for (const ask of asks) expect(await ask(false)).toEqual(await ask(true));
  }

  const students = { S1: 'Ann', S2: 'Ben', S3: 'Cleo', S4: 'Dev', S5: 'Eve', S6: 'Finn', S7: 'Gus', S8: 'Hana' };
  for (const [studentId, name] of Object.entries(students)) await ok('POST', '/api/students', { studentId, name });
  cls.A = (await ok('POST', '/api/classes', { name: 'Form A', studentIds: ['S1', 'S2', 'S3', 'S4'] })).id;
  cls.B = (await ok('POST', '/api/classes', { name: 'Form B', studentIds: ['S5', 'S6', 'S7'] })).id;
  cls.C = (await ok('POST', '/api/classes', { name: 'Form C', studentIds: ['S1', 'S8'] })).id;

  // Past days, long settled: two sessions of Form A on D1, one of each class on D2.
  ses.A1 = await session(cls.A, at(D1, '08:00'), at(D1, '09:00'));
  ses.A1b = await session(cls.A, at(D1, '10:00'), at(D1, '11:00'));
  ses.A2 = await session(cls.A, at(D2, '08:00'), at(D2, '09:00'));
  ses.B2 = await session(cls.B, at(D2, '08:00'), at(D2, '09:00'));
  ses.C2 = await session(cls.C, at(D2, '13:00'), at(D2, '14:00'));
  const onD1 = await post([
    mark('S1', ses.A1, at(D1, '08:01')),
    mark('S2', ses.A1, at(D1, '08:20')),
    mark('S3', ses.A1, at(D1, '08:05'), byHand('excused', 'Dentist')),
    mark('S4', ses.A1, at(D1, '08:05'), byHand('absent')),
  ]);
  markIds.S2A1 = onD1[1]!;
  await post([mark('S1', ses.A1b, at(D1, '10:01')), mark('S4', ses.A1b, at(D1, '10:30'))]);
  markIds.S1A2 = (await post([mark('S1', ses.A2, at(D2, '08:02')), mark('S5', ses.B2, at(D2, '08:30')), mark('S8', ses.C2, at(D2, '13:01'))]))[0]!;
  // A day mark belongs to no register.
  await post([mark('S6', null, ago(60))]);
  // Today: a session that ended minutes ago (not settled yet) and one running.
  ses.Bnow = await session(cls.B, ago(50), ago(20));
  await post([mark('S5', ses.Bnow, ago(45))]);
  ses.Cnow = await session(cls.C, ago(10));
  await post([mark('S8', ses.Cnow, ago(5))]);

  return { api, services, dialect, cls, ses, markIds, post, ok, session, summaryRows, emptySummary, expectSameAsLive };
}
