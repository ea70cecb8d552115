// The statistics summary (0016) is a cache, never a second definition: on both databases the daily
// statistics and the per-student rates read through it equal the live count of the registers, cold
// (filled by the call) and warm, and again after each kind of write that can change a summarised
// class-day. A summary computed from data read before a write that then commits is never trusted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/services.ts';
import { ALL, type Scope } from '../src/shared/actor.ts';
import { computeSummaries, storeSummaries } from '../src/features/attendance/stats-summary.ts';
import { currentEpochs, trustedSummaries } from '../src/features/attendance/stats-summary.repository.ts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

const D1 = '2026-01-12';
const D2 = '2026-01-13';
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00Z`;
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const FROM = '2026-01-01';
const TO = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const mark = (studentId: string, sessionId: string | null, markedAt: string, over: Record<string, unknown> = {}) => ({
  id: uuid(),
  studentId,
  sessionId,
  deviceId: 'laptop-1',
  markedAt,
  method: 'face',
  similarity: 0.95,
  ...over,
});
const byHand = (status: string, reason?: string) => ({ method: 'manual', similarity: null, status, ...(reason && { reason }) });

describe.each(dialects)('statistics summary on %s', (dialect) => {
  let api: TestApi;
  let services: ReturnType<typeof createServices>;
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

  /** Every answer through the summary equals the live count: the whole school, one class, a teacher's classes, the rates with and without a threshold. */
  async function expectSameAsLive() {
    const teacher: Scope = { all: false, classIds: new Set(Object.values(cls).slice(0, 2)) };
    const asks = [
      (live: boolean) => services.stats.daily(FROM, TO, undefined, ALL, { live }),
      (live: boolean) => services.stats.daily(FROM, TO, cls.A, ALL, { live }),
      (live: boolean) => services.stats.daily(D1, D1, undefined, teacher, { live }),
      (live: boolean) => services.rates.rates({ from: FROM, to: TO }, ALL, { live }),
      (live: boolean) => services.rates.rates({ from: D2, to: TO, below: 0.9 }, teacher, { live }),
    ];
    for (const ask of asks) expect(await ask(false)).toEqual(await ask(true));
  }

  beforeAll(async () => {
    api = await startApi(dialect);
    services = createServices({ db: api.database.db, dialect, now: Date.now, cooldownMs: 0 }, { retentionDays: null });
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
  });
  afterAll(() => api.close());

  it('answers as the live count cold, fills the settled class-days, and answers the same warm', async () => {
    await expectSameAsLive();
    // A1/A1b (one class-day), A2, B2, C2: four settled class-days; today's stay live.
    expect(await summaryRows()).toBe(4);
    await expectSameAsLive();
    expect((await services.stats.daily(D1, D1, cls.A, ALL)).days[0]).toMatchObject({ sessions: 2, expected: 8, present: 2, late: 2, excused: 1, absent: 3 });
  });

  const writes: [string, () => Promise<unknown>][] = [
    ['a late mark posted into an ended session through the ingest', () => post([mark('S7', ses.B2, at(D2, '08:40'))])],
    ['a hand correction posted as a mark', () => post([mark('S4', ses.A1, at(D1, '08:50'), byHand('late'))])],
    ['a hand correction of a stored mark', () => ok('PATCH', `/api/attendance/${markIds.S2A1}`, { status: 'excused', reason: 'Note' })],
    ['a mark taken out', () => ok('DELETE', `/api/attendance/${markIds.S1A2}`, {})],
    ['a mark taken back to not seen', () => post([mark('S1', ses.A1, at(D1, '08:55'), byHand('not-seen'))])],
    ['a session created on a summarised day', () => session(cls.B, at(D2, '10:00'), at(D2, '11:00'))],
    [
      'a mark into a session created on a summarised day',
      async () => post([mark('S8', await session(cls.C, at(D1, '10:00'), at(D1, '11:00')), at(D1, '10:01'))]),
    ],
    ['a session moved to another day', () => ok('PATCH', `/api/sessions/${ses.A1b}`, { startsAt: at(D2, '10:00'), endsAt: at(D2, '11:00') })],
    ['a session ended later than it was', () => ok('PATCH', `/api/sessions/${ses.C2}`, { endsAt: at(D2, '15:00') })],
    [
      'a session never ended, ended long after by the register',
      async () => ok('POST', `/api/sessions/${await session(cls.C, at(D1, '09:00'))}/end`, { endsAt: at(D1, '10:00') }),
    ],
    ['a session deleted', () => ok('DELETE', `/api/sessions/${ses.A2}`)],
    ['a student added to a roster', () => ok('PUT', `/api/classes/${cls.B}/students/S2`)],
    ['a student taken off a roster', () => ok('DELETE', `/api/classes/${cls.A}/students/S3`)],
    ['a roster replaced', () => ok('PUT', `/api/classes/${cls.C}/students`, { studentIds: ['S8', 'S4'] })],
    ['a student deleted', () => ok('DELETE', '/api/students/S5')],
    ['a student deleted, marks kept', () => ok('DELETE', '/api/students/S4?keepMarks=true')],
    [
      'the retention purge taking old marks out',
      () => createServices({ db: api.database.db, dialect, now: Date.now, cooldownMs: 0 }, { retentionDays: 30 }).privacy.purge(),
    ],
    ['a class deleted', () => ok('DELETE', `/api/classes/${cls.B}`)],
  ];
  it.each(writes)('equals the live count after %s', async (_what, write) => {
    // From an empty summary each time: a write left unseen by an earlier case fails that case only.
    await api.database.db.deleteFrom('class_day_summaries').execute();
    await api.database.db.deleteFrom('class_day_student_statuses').execute();
    await expectSameAsLive();
    expect(await summaryRows()).toBeGreaterThan(0);
    await write();
    await expectSameAsLive();
  });

  it('never trusts a summary computed from data read before a write that then commits', async () => {
    const s = await session(cls.A, at('2026-01-20', '08:00'), at('2026-01-20', '09:00'));
    const m = (await post([mark('S1', s, at('2026-01-20', '08:01'))]))[0]!;
    const range = { classIds: [cls.A], from: '2026-01-20', to: '2026-01-20', now: Date.now() };
    // The reader: epochs first, then the figures (S1 present)...
    const epochs = await currentEpochs(api.database.db, [cls.A]);
    const computed = await computeSummaries(api.database.db, range, [{ classId: cls.A, day: '2026-01-20' }], epochs);
    expect(computed.summaries).toMatchObject([{ present: 1 }]);
    // ...a correction commits meanwhile...
    await ok('PATCH', `/api/attendance/${m}`, { status: 'absent' });
    // ...and the reader stores what it computed: the row is there, at an epoch that has passed.
    await storeSummaries(api.database.db, computed);
    expect(await trustedSummaries(api.database.db, range)).toEqual([]);
    expect((await services.stats.daily('2026-01-20', '2026-01-20', cls.A, ALL)).days[0]).toMatchObject({ present: 0 });
    await expectSameAsLive();
  });

  it('takes out the student statuses of passed epochs when a class is filled again', async () => {
    const db = api.database.db;
    const stale = async () =>
      Number(
        (
          await db
            .selectFrom('class_day_student_statuses as st')
            .innerJoin('class_summary_epochs as e', 'e.class_id', 'st.class_id')
            .where('st.class_id', '=', cls.A)
            .whereRef('st.epoch', '<', 'e.epoch')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await services.stats.daily(FROM, TO, cls.A, ALL);
    await ok('PUT', `/api/classes/${cls.A}/students/S7`);
    expect(await stale()).toBeGreaterThan(0);
    await services.stats.daily(FROM, TO, cls.A, ALL);
    expect(await stale()).toBe(0);
  });

  it('lets two fills of the same class-day at once both succeed', async () => {
    await ok('PUT', `/api/classes/${cls.A}/students/S6`);
    const range = { classIds: [cls.A], from: FROM, to: TO, now: Date.now() };
    const both = await Promise.all([services.stats.daily(FROM, TO, cls.A, ALL), services.stats.daily(FROM, TO, cls.A, ALL)]);
    expect(both[0]).toEqual(both[1]);
    expect((await trustedSummaries(api.database.db, range)).length).toBeGreaterThan(0);
    await expectSameAsLive();
  });
});
