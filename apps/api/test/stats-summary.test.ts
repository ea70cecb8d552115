// The statistics summary (0016) is a cache, never a second definition: on both databases the daily
// statistics and the per-student rates read through it equal the live count of the registers, cold
// (filled by the call) and warm, and again after each kind of write that can change a summarised
// class-day. A summary computed from data read before a write that then commits is never trusted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/services.ts';
import { ALL } from '../src/shared/actor.ts';
import { computeSummaries, storeSummaries } from '../src/features/attendance/stats-summary.ts';
import { currentEpochs, trustedSummaries } from '../src/features/attendance/stats-summary.repository.ts';
import { dialects } from './context.ts';
import { at, byHand, D1, D2, FROM, mark, statsSummarySchool, TO, type StatsSummarySchool } from './stats-summary-fixture.ts';

describe.each(dialects)('statistics summary on %s', (dialect) => {
  let school: StatsSummarySchool;
  beforeAll(async () => {
    school = await statsSummarySchool(dialect);
  });
  afterAll(() => school.api.close());
  const post: StatsSummarySchool['post'] = (marks) => school.post(marks);
  const ok: StatsSummarySchool['ok'] = (...args) => school.ok(...args);
  const session: StatsSummarySchool['session'] = (...args) => school.session(...args);
  const expectSameAsLive = () => school.expectSameAsLive();

  it('answers as the live count cold, fills the settled class-days, and answers the same warm', async () => {
    const { services, cls } = school;
    await expectSameAsLive();
    // A1/A1b (one class-day), A2, B2, C2: four settled class-days; today's stay live.
    expect(await school.summaryRows()).toBe(4);
    await expectSameAsLive();
    expect((await services.stats.daily(D1, D1, cls.A, ALL)).days[0]).toMatchObject({ sessions: 2, expected: 8, present: 2, late: 2, excused: 1, absent: 3 });
  });

  const writes: [string, () => Promise<unknown>][] = [
    ['a late mark posted into an ended session through the ingest', () => post([mark('S7', school.ses.B2, at(D2, '08:40'))])],
    ['a hand correction posted as a mark', () => post([mark('S4', school.ses.A1, at(D1, '08:50'), byHand('late'))])],
    ['a hand correction of a stored mark', () => ok('PATCH', `/api/attendance/${school.markIds.S2A1}`, { status: 'excused', reason: 'Note' })],
    ['a mark taken out', () => ok('DELETE', `/api/attendance/${school.markIds.S1A2}`, {})],
    ['a mark taken back to not seen', () => post([mark('S1', school.ses.A1, at(D1, '08:55'), byHand('not-seen'))])],
    ['a session created on a summarised day', () => session(school.cls.B, at(D2, '10:00'), at(D2, '11:00'))],
    [
      'a mark into a session created on a summarised day',
      async () => post([mark('S8', await session(school.cls.C, at(D1, '10:00'), at(D1, '11:00')), at(D1, '10:01'))]),
    ],
    ['a session moved to another day', () => ok('PATCH', `/api/sessions/${school.ses.A1b}`, { startsAt: at(D2, '10:00'), endsAt: at(D2, '11:00') })],
    ['a session ended later than it was', () => ok('PATCH', `/api/sessions/${school.ses.C2}`, { endsAt: at(D2, '15:00') })],
    [
      'a session never ended, ended long after by the register',
      async () => ok('POST', `/api/sessions/${await session(school.cls.C, at(D1, '09:00'))}/end`, { endsAt: at(D1, '10:00') }),
    ],
    ['a session deleted', () => ok('DELETE', `/api/sessions/${school.ses.A2}`)],
    ['a student added to a roster', () => ok('PUT', `/api/classes/${school.cls.B}/students/S2`)],
    ['a student taken off a roster', () => ok('DELETE', `/api/classes/${school.cls.A}/students/S3`)],
    ['a roster replaced', () => ok('PUT', `/api/classes/${school.cls.C}/students`, { studentIds: ['S8', 'S4'] })],
    ['a student deleted', () => ok('DELETE', '/api/students/S5')],
    ['a student deleted, marks kept', () => ok('DELETE', '/api/students/S4?keepMarks=true')],
    [
      'the retention purge taking old marks out',
      () => createServices({ db: school.api.database.db, dialect, now: Date.now, cooldownMs: 0 }, { retentionDays: 30 }).privacy.purge(),
    ],
    ['a class deleted', () => ok('DELETE', `/api/classes/${school.cls.B}`)],
  ];
  it.each(writes)('equals the live count after %s', async (_what, write) => {
    // From an empty summary each time: a write left unseen by an earlier case fails that case only.
    await school.emptySummary();
    await expectSameAsLive();
    expect(await school.summaryRows()).toBeGreaterThan(0);
    await write();
    await expectSameAsLive();
  });

  it('never trusts a summary computed from data read before a write that then commits', async () => {
    const s = await session(school.cls.A, at('2026-01-20', '08:00'), at('2026-01-20', '09:00'));
    const m = (await post([mark('S1', s, at('2026-01-20', '08:01'))]))[0]!;
    const range = { classIds: [school.cls.A], from: '2026-01-20', to: '2026-01-20', now: Date.now() };
    // The reader: epochs first, then the figures (S1 present)...
    const epochs = await currentEpochs(school.api.database.db, [school.cls.A]);
    const computed = await computeSummaries(school.api.database.db, range, [{ classId: school.cls.A, day: '2026-01-20' }], epochs);
    expect(computed.summaries).toMatchObject([{ present: 1 }]);
    // ...a correction commits meanwhile...
    await ok('PATCH', `/api/attendance/${m}`, { status: 'absent' });
    // ...and the reader stores what it computed: the row is there, at an epoch that has passed.
    await storeSummaries(school.api.database.db, computed);
    expect(await trustedSummaries(school.api.database.db, range)).toEqual([]);
    expect((await school.services.stats.daily('2026-01-20', '2026-01-20', school.cls.A, ALL)).days[0]).toMatchObject({ present: 0 });
    await expectSameAsLive();
  });

  it('takes out the student statuses of passed epochs when a class is filled again', async () => {
    const db = school.api.database.db;
    const stale = async () =>
      Number(
        (
          await db
            .selectFrom('class_day_student_statuses as st')
            .innerJoin('class_summary_epochs as e', 'e.class_id', 'st.class_id')
            .where('st.class_id', '=', school.cls.A)
            .whereRef('st.epoch', '<', 'e.epoch')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await school.services.stats.daily(FROM, TO, school.cls.A, ALL);
    await ok('PUT', `/api/classes/${school.cls.A}/students/S7`);
    expect(await stale()).toBeGreaterThan(0);
    await school.services.stats.daily(FROM, TO, school.cls.A, ALL);
    expect(await stale()).toBe(0);
  });

  it('lets two fills of the same class-day at once both succeed', async () => {
    await ok('PUT', `/api/classes/${school.cls.A}/students/S6`);
    const range = { classIds: [school.cls.A], from: FROM, to: TO, now: Date.now() };
    const both = await Promise.all([school.services.stats.daily(FROM, TO, school.cls.A, ALL), school.services.stats.daily(FROM, TO, school.cls.A, ALL)]);
    expect(both[0]).toEqual(both[1]);
    expect((await trustedSummaries(school.api.database.db, range)).length).toBeGreaterThan(0);
    await expectSameAsLive();
  });
});
