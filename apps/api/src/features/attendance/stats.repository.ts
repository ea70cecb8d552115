// SQL for the daily statistics: the registers' figures counted by the database (GROUP BY) instead
// of building every register in memory. A register row is a roster student (today's roster, a
// student who exists) with their one mark in the session (student and session are unique together)
// or none (not seen). These are the live counts and the only definition: the summary of settled
// class-days (stats-summary.ts) is computed by them and must equal them.
import { sql } from 'kysely';
import type { Executor } from '../../shared/context.ts';

/** Which sessions: those of these classes (null: every class) whose school day lies in [from, to]. */
export interface StatsRange {
  classIds: readonly string[] | null;
  from: string;
  to: string;
  /** The instant that decides which sessions have started and which have ended. */
  now: number;
}

export type StatsPhase = 'ended' | 'running';

/** A session that has started by now: ended once its end time has passed, running until then. */
function startedSessions(db: Executor, r: StatsRange) {
  let q = db.selectFrom('class_sessions as cs').where('cs.day', '>=', r.from).where('cs.day', '<=', r.to).where('cs.starts_at', '<=', r.now);
  if (r.classIds) q = q.where('cs.class_id', 'in', r.classIds);
  return q;
}

/** The register rows of the started sessions: each roster student who exists, with their mark in the session or none. */
function places(db: Executor, r: StatsRange) {
  return startedSessions(db, r)
    .innerJoin('class_students as r', 'r.class_id', 'cs.class_id')
    .innerJoin('students as s', 's.student_id', 'r.student_id')
    .leftJoin('attendance_marks as m', (j) => j.onRef('m.session_id', '=', 'cs.id').onRef('m.student_id', '=', 'r.student_id'));
}

/** The register rows of the sessions that have ended by now. */
const endedPlaces = (db: Executor, r: StatsRange) => places(db, r).where('cs.ends_at', 'is not', null).where('cs.ends_at', '<=', r.now);

const phaseOf = (now: number) => sql<StatsPhase>`case when cs.ends_at is not null and cs.ends_at <= ${now} then 'ended' else 'running' end`;

/** How many started sessions each class had each day, by phase, with the class's name. */
export async function sessionCounts(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  const rows = await startedSessions(db, r)
    .leftJoin('classes as c', 'c.id', 'cs.class_id')
    .select((eb) => ['cs.day', 'cs.class_id', 'c.name', phaseOf(r.now).as('phase'), eb.fn.countAll<number | string>().as('n')])
    .groupBy(['cs.day', 'cs.class_id', 'c.name', phaseOf(r.now)])
    .execute();
  return rows.map((x) => ({ day: x.day, classId: x.class_id, className: x.name ?? '', phase: x.phase, n: Number(x.n) }));
}

/** The register rows of the started sessions, counted per class, day, phase and status (null: not seen). */
export async function placeCounts(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  const rows = await places(db, r)
    .select((eb) => ['cs.day', 'cs.class_id', phaseOf(r.now).as('phase'), 'm.status', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['cs.day', 'cs.class_id', phaseOf(r.now), 'm.status'])
    .execute();
  return rows.map((x) => ({ day: x.day, classId: x.class_id, phase: x.phase, status: x.status, n: Number(x.n) }));
}

/** Each roster student absent from (or never seen in) an ended session, once per class and day. */
export async function absentees(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  return endedPlaces(db, r)
    .where((eb) => eb.or([eb('m.id', 'is', null), eb('m.status', '=', 'absent')]))
    .select(['cs.day', 'cs.class_id as classId', 's.student_id as studentId', 's.name'])
    .distinct()
    .execute();
}

/** Each roster student's statuses (null: not seen) over the ended sessions of their classes, counted. */
export async function studentStatusCounts(db: Executor, r: StatsRange) {
  if (r.classIds?.length === 0) return [];
  const rows = await endedPlaces(db, r)
    .select((eb) => ['s.student_id', 's.name', 'm.status', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['s.student_id', 's.name', 'm.status'])
    .execute();
  return rows.map((x) => ({ studentId: x.student_id, name: x.name, status: x.status, n: Number(x.n) }));
}

/** How many sessions have started and not yet ended. */
export async function runningSessionCount(db: Executor, r: StatsRange): Promise<number> {
  if (r.classIds?.length === 0) return 0;
  const row = await startedSessions(db, r)
    .where((eb) => eb.or([eb('cs.ends_at', 'is', null), eb('cs.ends_at', '>', r.now)]))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Each roster student's statuses (null: not seen) over the ended sessions, counted per class and
 * day: what a class-day's summary keeps (without present, which the sessions imply) and what the
 * per-student rates count live for the class-days not summarised.
 */
export async function classDayStudentStatuses(db: Executor, r: StatsRange, opts: { withPresent: boolean }) {
  if (r.classIds?.length === 0) return [];
  let q = endedPlaces(db, r);
  if (!opts.withPresent) q = q.where((eb) => eb.or([eb('m.id', 'is', null), eb('m.status', '<>', 'present')]));
  const rows = await q
    .select((eb) => ['cs.class_id', 'cs.day', 's.student_id', 's.name', 'm.status', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['cs.class_id', 'cs.day', 's.student_id', 's.name', 'm.status'])
    .execute();
  return rows.map((x) => ({ classId: x.class_id, day: x.day, studentId: x.student_id, name: x.name, status: x.status, n: Number(x.n) }));
}
