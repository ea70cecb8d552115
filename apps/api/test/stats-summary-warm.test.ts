// The statistics summary filled in the background (stats.warmSummary): on both databases it leaves
// every settled class-day of the school with a trusted summary and none of today's, so the daily
// statistics and the rates then answer as the live count without writing a row; newest days first,
// and an abort signal stops it between batches. It asks the database only for what is missing: once
// warm, a run brings no row back, and a write to one class brings back that class's settled days.
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTLE_MS } from '../src/features/attendance/stats-summary.ts';
import { missingClassDays } from '../src/features/attendance/stats-summary.repository.ts';
import { createServices } from '../src/services.ts';
import { dialects } from './context.ts';
import { at, D1, D2, statsSummarySchool, type StatsSummarySchool } from './stats-summary-fixture.ts';

/** Sees every INSERT the services built over it send, by table. */
function insertWatch(onInsert: (table: string) => void = () => {}) {
  const tables: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node }): RootOperationNode {
      if (node.kind === 'InsertQueryNode' && node.into) {
        tables.push(node.into.table.identifier.name);
        onInsert(node.into.table.identifier.name);
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { plugin, tables };
}

/** Counts the statements the services built over it run and the rows those bring back into Node. */
function rowWatch() {
  const seen = { statements: 0, rows: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => {
      seen.statements++;
      seen.rows += result.rows.length;
      return result;
    },
  };
  return { plugin, seen };
}

describe.each(dialects)('statistics summary warmed in the background on %s', (dialect) => {
  let school: StatsSummarySchool;
  beforeAll(async () => {
    school = await statsSummarySchool(dialect);
  });
  afterAll(() => school.api.close());

  const servicesOver = (plugin: KyselyPlugin) =>
    createServices({ db: school.api.database.db.withPlugin(plugin), dialect, now: Date.now, cooldownMs: 0 }, { retentionDays: null });

  /** The class-days whose summary row is at its class's current epoch, as `class|day`, sorted. */
  const trustedKeys = async () =>
    (
      await school.api.database.db
        .selectFrom('class_day_summaries as sm')
        .leftJoin('class_summary_epochs as e', 'e.class_id', 'sm.class_id')
        .where((eb) => eb('sm.epoch', '=', eb.fn.coalesce('e.epoch', eb.lit(0))))
        .select(['sm.class_id', 'sm.day'])
        .execute()
    )
      .map((r) => `${r.class_id}|${r.day}`)
      .sort();
  const keys = (...pairs: [string, string][]) => pairs.map(([c, d]) => `${c}|${d}`).sort();

  it('summarises every settled class-day and none of today, after which the statistics write nothing', async () => {
    const { cls } = school;
    expect(await school.summaryRows()).toBe(0);
    expect(await school.services.stats.warmSummary()).toMatchObject({ filled: 4, stopped: false });
    // A1/A1b (one class-day), A2, B2, C2; today's ended-minutes-ago and running sessions are not settled.
    expect(await trustedKeys()).toEqual(keys([cls.A, D1], [cls.A, D2], [cls.B, D2], [cls.C, D2]));
    expect(await school.summaryRows()).toBe(4);

    const watch = insertWatch();
    await school.expectSameAsLive(servicesOver(watch.plugin));
    expect(watch.tables).toEqual([]);
    // Warm already: a second warm finds nothing to fill.
    expect(await servicesOver(watch.plugin).stats.warmSummary()).toMatchObject({ filled: 0, batches: 0 });
    expect(watch.tables).toEqual([]);
  });

  it('asks only for the settled class-days missing a trusted summary: none once warm, all days of a class written to', async () => {
    const { cls, ses } = school;
    const db = school.api.database.db;
    const missing = async (settledBy = Date.now() - SETTLE_MS) => (await missingClassDays(db, settledBy)).map((c) => `${c.classId}|${c.day}`).sort();
    await school.services.stats.warmSummary();
    expect(await missing()).toEqual([]);
    // Warm: the whole run is the one question, and no row comes back.
    const rows = rowWatch();
    expect(await servicesOver(rows.plugin).stats.warmSummary()).toMatchObject({ filled: 0, batches: 0 });
    expect(rows.seen).toEqual({ statements: 1, rows: 0 });

    // A hand correction on Form A's D1 raises Form A's epoch: all of its settled days are missing again, no other class's.
    await school.ok('PATCH', `/api/attendance/${school.markIds.S2A1}`, { status: 'excused', reason: 'Note' });
    expect(await missing()).toEqual(keys([cls.A, D1], [cls.A, D2]));
    expect(await school.services.stats.warmSummary()).toMatchObject({ filled: 2, stopped: false });
    expect(await missing()).toEqual([]);

    // With no summary at all: every settled class-day, and today's only as far as they have settled.
    await school.emptySummary();
    const settled = keys([cls.A, D1], [cls.A, D2], [cls.B, D2], [cls.C, D2]);
    expect(await missing()).toEqual(settled);
    const today = (await db.selectFrom('class_sessions').select('day').where('id', '=', ses.Bnow).executeTakeFirstOrThrow()).day;
    // Form B's session today ended 20 minutes ago; Form C's is running and never settles.
    expect(await missing(Date.now())).toEqual([...settled, `${cls.B}|${today}`].sort());
    expect(await missing(Date.now() + 86_400_000)).not.toContain(`${cls.C}|${today}`);
  });

  it('fills the newest days first and stops between batches when aborted', async () => {
    const { cls } = school;
    // Six weeks after D2: a second range of days (a batch spans at most 14).
    const LATER = '2026-02-24';
    await school.session(cls.A, at(LATER, '08:00'), at(LATER, '09:00'));
    await school.session(cls.C, at(LATER, '08:00'), at(LATER, '09:00'));
    await school.emptySummary();

    const stop = new AbortController();
    const watch = insertWatch((table) => table === 'class_day_summaries' && stop.abort());
    const first = await servicesOver(watch.plugin).stats.warmSummary({ signal: stop.signal });
    expect(first).toMatchObject({ batches: 1, filled: 2, stopped: true });
    expect(await trustedKeys()).toEqual(keys([cls.A, LATER], [cls.C, LATER]));

    expect(await school.services.stats.warmSummary()).toMatchObject({ batches: 1, filled: 4, stopped: false });
    expect(await trustedKeys()).toEqual(keys([cls.A, D1], [cls.A, D2], [cls.B, D2], [cls.C, D2], [cls.A, LATER], [cls.C, LATER]));
    const after = insertWatch();
    await school.expectSameAsLive(servicesOver(after.plugin));
    expect(after.tables).toEqual([]);
  });

  it('stops before the first batch when aborted already', async () => {
    await school.emptySummary();
    const stop = new AbortController();
    stop.abort();
    expect(await school.services.stats.warmSummary({ signal: stop.signal })).toEqual({ filled: 0, batches: 0, stopped: true });
    expect(await school.summaryRows()).toBe(0);
  });
});
