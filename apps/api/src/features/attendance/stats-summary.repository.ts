// SQL for the statistics summary (0016): one row per class and settled school day, and its roster
// students' statuses other than present, each tagged with the class's epoch when it was computed.
// A row is trusted only while that epoch is still the class's (shared/summary-epochs.repository.ts
// raises it with every write that could change the figures); older rows are ignored, then swept.
import { sql, type ExpressionBuilder } from 'kysely';
import { isMysql } from '../../db/dialect.ts';
import type { ClassDayStudentStatusesTable, ClassDaySummariesTable, DB } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
import type { StatsRange } from './stats.repository.ts';

export type SummaryRow = ClassDaySummariesTable;
export type StudentStatusRow = ClassDayStudentStatusesTable;

/** Placeholders one statement may carry: under SQLite's (32,766 since 3.32; better-sqlite3 bundles a newer one) and MySQL's (65,535). */
const MAX_PARAMS = 30_000;

function chunked<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The current epoch of each of these classes (null: every class) that has one; a class with none is at 0. */
export async function currentEpochs(db: Executor, classIds: readonly string[] | null): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const read = (ids: readonly string[] | null) => {
    const q = db.selectFrom('class_summary_epochs').select(['class_id', 'epoch']);
    return (ids ? q.where('class_id', 'in', ids) : q).execute();
  };
  const rows = classIds ? (await Promise.all(chunked(classIds, MAX_PARAMS).map(read))).flat() : await read(null);
  for (const r of rows) out.set(r.class_id, Number(r.epoch));
  return out;
}

/** How many of a class-day's sessions are not settled: not ended, or started or ended after `settledBy`. None: the class-day is settled. */
const unsettledSessions = (settledBy: number) =>
  sql<number | string>`sum(case when cs.ends_at is null or cs.ends_at > ${settledBy} or cs.starts_at > ${settledBy} then 1 else 0 end)`;

/**
 * Every class-day in range that has a session, and whether it is settled: each of its sessions
 * started and ended by `settledBy`. Only a settled class-day may be summarised.
 */
export async function classDays(db: Executor, r: StatsRange, settledBy: number) {
  if (r.classIds?.length === 0) return [];
  let q = db.selectFrom('class_sessions as cs').where('cs.day', '>=', r.from).where('cs.day', '<=', r.to);
  if (r.classIds) q = q.where('cs.class_id', 'in', r.classIds);
  const rows = await q
    .select(['cs.class_id', 'cs.day', unsettledSessions(settledBy).as('open')])
    .groupBy(['cs.class_id', 'cs.day'])
    .execute();
  return rows.map((x) => ({ classId: x.class_id, day: x.day, settled: Number(x.open) === 0 }));
}

/**
 * The settled class-days of the whole school that hold no trusted summary, found by the database,
 * so that a warm with nothing to fill brings no row back into Node, however long the term.
 */
export async function missingClassDays(db: Executor, settledBy: number) {
  // An anti-join: MariaDB merges the trusted rows into it and looks each session's class-day up by
  // the summary's and the epoch's primary keys, stopping at the first match (EXPLAIN: "Not exists");
  // SQLite builds the trusted rows once and probes them through an automatic index.
  const held = trustedRows(db).select(['sm.class_id', 'sm.day']).as('t');
  const rows = await db
    .selectFrom('class_sessions as cs')
    .leftJoin(held, (j) => j.onRef('t.class_id', '=', 'cs.class_id').onRef('t.day', '=', 'cs.day'))
    // Per session row, before grouping: a trusted class-day's sessions never reach the GROUP BY.
    .where('t.class_id', 'is', null)
    .select(['cs.class_id', 'cs.day'])
    .groupBy(['cs.class_id', 'cs.day'])
    .having(unsettledSessions(settledBy), '=', 0)
    .execute();
  return rows.map((x) => ({ classId: x.class_id, day: x.day }));
}

/** Summary rows computed at their class's current epoch (a class with no epoch row is at 0): the only ones to be trusted. */
function trustedRows(db: Executor) {
  return db
    .selectFrom('class_day_summaries as sm')
    .leftJoin('class_summary_epochs as e', 'e.class_id', 'sm.class_id')
    .where((eb) => eb('sm.epoch', '=', eb.fn.coalesce('e.epoch', sql<number>`0`)));
}

/** The trusted summary rows in range. */
function trusted(db: Executor, r: StatsRange) {
  const q = trustedRows(db).where('sm.day', '>=', r.from).where('sm.day', '<=', r.to);
  return r.classIds ? q.where('sm.class_id', 'in', r.classIds) : q;
}

/** The class-days in range that hold a trusted summary, without their figures. */
export async function trustedClassDays(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  const rows = await trusted(db, r).select(['sm.class_id', 'sm.day']).execute();
  return rows.map((x) => ({ classId: x.class_id, day: x.day }));
}

/** The trusted summaries in range, with their class's name. */
export async function trustedSummaries(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  const rows = await trusted(db, r)
    .leftJoin('classes as c', 'c.id', 'sm.class_id')
    .select(['sm.class_id', 'sm.day', 'c.name', 'sm.sessions', 'sm.expected', 'sm.present', 'sm.late', 'sm.excused', 'sm.absent'])
    .execute();
  return rows.map((x) => ({
    classId: x.class_id,
    day: x.day,
    className: x.name ?? '',
    sessions: Number(x.sessions),
    expected: Number(x.expected),
    present: Number(x.present),
    late: Number(x.late),
    excused: Number(x.excused),
    absent: Number(x.absent),
  }));
}

/** The student-status rows of the trusted summaries in range. */
function trustedStatuses(db: Executor, r: StatsRange) {
  return trusted(db, r).innerJoin('class_day_student_statuses as st', (j) =>
    j.onRef('st.class_id', '=', 'sm.class_id').onRef('st.day', '=', 'sm.day').onRef('st.epoch', '=', 'sm.epoch'),
  );
}

/** The students absent from (or never seen in) a session of a trusted class-day, once per class and day. */
export async function trustedAbsentees(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  return trustedStatuses(db, r)
    .innerJoin('students as s', 's.student_id', 'st.student_id')
    .where('st.status', 'in', ['absent', 'not-seen'])
    .select(['sm.day', 'sm.class_id as classId', 's.student_id as studentId', 's.name'])
    .distinct()
    .execute();
}

/** Each roster student's sessions over the trusted class-days of their classes in range. */
export async function trustedStudentSessions(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  // Summed per class first: a few thousand classes, then their rosters, never a row per student and day.
  const perClass = trusted(db, r)
    .select((eb) => ['sm.class_id', eb.fn.sum<number | string>('sm.sessions').as('sessions')])
    .groupBy('sm.class_id')
    .as('pc');
  const rows = await db
    .selectFrom(perClass)
    .innerJoin('class_students as ro', 'ro.class_id', 'pc.class_id')
    .innerJoin('students as s', 's.student_id', 'ro.student_id')
    .select((eb) => ['s.student_id', 's.name', eb.fn.sum<number | string>('pc.sessions').as('n')])
    .groupBy(['s.student_id', 's.name'])
    .execute();
  return rows.map((x) => ({ studentId: x.student_id, name: x.name, n: Number(x.n) }));
}

/** Each student's statuses other than present over the trusted class-days in range, counted. */
export async function trustedStudentStatuses(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  const rows = await trustedStatuses(db, r)
    .select((eb) => ['st.student_id', 'st.status', eb.fn.sum<number | string>('st.n').as('n')])
    .groupBy(['st.student_id', 'st.status'])
    .execute();
  return rows.map((x) => ({ studentId: x.student_id, status: x.status, n: Number(x.n) }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The value an upsert was given for this column: VALUES(c) on MySQL, excluded.c on SQLite. */
const given = (column: string, mysql: boolean) => (mysql ? sql`values(${sql.ref(column)})` : sql.ref(`excluded.${column}`));

/**
 * Stores computed summaries and their student statuses. The statuses go first: a reader that sees a
 * summary at an epoch finds all of that epoch's statuses. Two instances filling the same class-day
 * at once write the same rows: statuses already there are kept, a summary is overwritten.
 */
export async function writeSummaries(db: Executor, summaries: readonly SummaryRow[], statuses: readonly StudentStatusRow[]) {
  const mysql = isMysql(db);
  // In key order: two instances writing the same rows lock them in the same order.
  statuses = [...statuses].sort(
    (a, b) =>
      cmp(a.class_id, b.class_id) || cmp(a.day, b.day) || Number(a.epoch) - Number(b.epoch) || cmp(a.student_id, b.student_id) || cmp(a.status, b.status),
  );
  summaries = [...summaries].sort((a, b) => cmp(a.class_id, b.class_id) || cmp(a.day, b.day));
  for (const rows of chunked(statuses, Math.floor(MAX_PARAMS / 6))) {
    const insert = db.insertInto('class_day_student_statuses').values(rows);
    await (mysql ? insert.ignore() : insert.onConflict((oc) => oc.doNothing())).execute();
  }
  const cols = ['epoch', 'sessions', 'expected', 'present', 'late', 'excused', 'absent'] as const;
  const updates = Object.fromEntries(cols.map((c) => [c, given(c, mysql)]));
  for (const rows of chunked(summaries, Math.floor(MAX_PARAMS / 9))) {
    const insert = db.insertInto('class_day_summaries').values(rows);
    await (mysql ? insert.onDuplicateKeyUpdate(updates) : insert.onConflict((oc) => oc.columns(['class_id', 'day']).doUpdateSet(updates))).execute();
  }
}

/** Takes out the student statuses of these classes' days in [from, to] computed at an epoch that has passed: no reader trusts them any more. */
export async function sweepStatuses(db: Executor, classIds: readonly string[], from: string, to: string) {
  const current = (eb: ExpressionBuilder<DB, 'class_day_student_statuses'>) =>
    eb.selectFrom('class_summary_epochs as e').select('e.epoch').whereRef('e.class_id', '=', 'class_day_student_statuses.class_id');
  for (const ids of chunked(classIds, MAX_PARAMS)) {
    await db
      .deleteFrom('class_day_student_statuses')
      .where('class_id', 'in', ids)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .where((eb) => eb('epoch', '<', current(eb)))
      .execute();
  }
}
