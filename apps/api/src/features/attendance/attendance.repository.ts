// SQL for attendance marks and their audit trail (one aggregate: a mark's changes are audited in
// the same transaction), including the reads other features make of marks.
import { sql } from 'kysely';
import type { ListMarksQuery, Mark } from '@rollcall/contracts';
import { likeEscaped, type Executor } from '../../shared/context.ts';
import { isoWithOffset, toIso } from '../../shared/time.ts';
import type { Insertable, Updateable } from 'kysely';
import type { AttendanceMarksTable } from '../../db/schema.ts';
import type { MarkedBy } from './marked-by.ts';
import { idsOf } from '../../shared/ids.ts';
import { bumpSummaryEpochs } from '../../shared/summary-epochs.repository.ts';

export type MarkRow = Insertable<AttendanceMarksTable>;

const markQuery = (db: Executor) =>
  db.selectFrom('attendance_marks as m').leftJoin('students as s', 's.student_id', 'm.student_id').selectAll('m').select('s.name as student_name');

type Row = Awaited<ReturnType<ReturnType<typeof markQuery>['executeTakeFirstOrThrow']>>;

/** A mark as read: its row and its student's name. */
export function toMark(r: Row): Mark {
  return {
    id: r.id,
    studentId: r.student_id,
    studentName: r.student_name ?? null,
    sessionId: r.session_id ?? null,
    classId: r.class_id ?? null,
    deviceId: r.device_id,
    markedAt: isoWithOffset(Number(r.marked_at), Number(r.marked_offset)),
    receivedAt: toIso(Number(r.received_at)),
    day: r.marked_day,
    similarity: r.similarity === null ? null : Number(r.similarity),
    method: r.method as Mark['method'],
    status: r.status as Mark['status'],
    reason: r.reason ?? null,
    markedBy: r.marked_by_name ?? null,
  };
}

export async function findMark(db: Executor, id: string): Promise<Mark | null> {
  const r = await markQuery(db).where('m.id', '=', id).executeTakeFirst();
  return r ? toMark(r) : null;
}

export async function findMarks(db: Executor, ids: string[]): Promise<Mark[]> {
  if (ids.length === 0) return [];
  return (await markQuery(db).where('m.id', 'in', ids).execute()).map(toMark);
}

/** Every mark in these sessions. */
export async function marksInSessions(db: Executor, sessionIds: string[]): Promise<Mark[]> {
  if (sessionIds.length === 0) return [];
  return (await markQuery(db).where('m.session_id', 'in', sessionIds).execute()).map(toMark);
}

/** Where posted marks stand against the stored ones: what a group of them reads, in one statement. */
export interface StoredFor {
  /** Which of the posted ids the server has seen (stored marks, and changes applied to another mark, whose audit entry carries the change's id), so a resend applies once. */
  received: Set<string>;
  /** The marks of these students that could make a new one a duplicate: same session, or within the cooldown. */
  recent: { id: string; student_id: string; session_id: string | null; marked_at: number; method: string }[];
}

/**
 * Reads what StoredFor holds in one statement (UNION ALL): the ids' rows first, with the mark
 * columns null, then the students' marks near in time or in these sessions (a stored mark's
 * student is never null, which tells the two apart).
 */
export async function storedFor(db: Executor, ids: string[], studentIds: string[], sessionIds: string[], from: number, to: number): Promise<StoredFor> {
  const out: StoredFor = { received: new Set(), recent: [] };
  // No marks posted: no students either.
  if (ids.length === 0) return out;
  const idOnly = (table: 'attendance_marks' | 'attendance_audit') =>
    db
      .selectFrom(table)
      .select([
        'id',
        sql<string | null>`null`.as('student_id'),
        sql<string | null>`null`.as('session_id'),
        sql<number | null>`null`.as('marked_at'),
        sql<string | null>`null`.as('method'),
      ])
      .where('id', 'in', ids);
  const recent = db
    .selectFrom('attendance_marks')
    .select(['id', 'student_id', 'session_id', 'marked_at', 'method'])
    .where('student_id', 'in', studentIds)
    .where((eb) => {
      const near = eb.and([eb('marked_at', '>', from), eb('marked_at', '<', to)]);
      return sessionIds.length ? eb.or([near, eb('session_id', 'in', sessionIds)]) : near;
    });
  const rows = await idOnly('attendance_marks')
    .unionAll([idOnly('attendance_audit'), ...(studentIds.length ? [recent] : [])])
    .execute();
  for (const r of rows) {
    if (r.student_id === null) out.received.add(r.id);
    else out.recent.push({ id: r.id, student_id: r.student_id, session_id: r.session_id, marked_at: Number(r.marked_at), method: r.method ?? '' });
  }
  return out;
}

/**
 * Stores new marks. `endedSessions` names the class of each of their sessions that has ended (by
 * the writer's clock): a mark there can change a summarised class-day, so its class's summary epoch
 * goes up. A mark into a session not yet ended cannot (none is summarised before it has ended and
 * settled; see stats-summary.ts), so the morning's ingest pays no statement for it.
 */
export async function insertMarks(db: Executor, rows: MarkRow[], endedSessions: ReadonlyMap<string, string>) {
  if (rows.length === 0) return;
  await db.insertInto('attendance_marks').values(rows).execute();
  await bumpSummaryEpochs(
    db,
    rows.map((r) => (r.session_id ? endedSessions.get(r.session_id) : undefined)),
  );
}

/** The classes of the sessions holding the chosen marks (a day mark, or one whose session is gone, has none). */
const classesOfMarks = (db: Executor) =>
  db.selectFrom('attendance_marks as m').innerJoin('class_sessions as cs', 'cs.id', 'm.session_id').select('cs.class_id').distinct();

const idsOfClasses = (rows: { class_id: string }[]) => rows.map((r) => r.class_id);

/** Raises the summary epochs of the classes whose sessions hold these marks: a change to one changes their figures. */
async function invalidateMarks(db: Executor, ids: readonly string[]) {
  if (ids.length) await bumpSummaryEpochs(db, idsOfClasses(await classesOfMarks(db).where('m.id', 'in', ids).execute()));
}

export type MarkFilter = ListMarksQuery & { inClasses?: string[] | null };

function filtered(db: Executor, f: MarkFilter) {
  let q = db.selectFrom('attendance_marks as m');
  if (f.inClasses) q = f.inClasses.length ? q.where('m.class_id', 'in', f.inClasses) : q.where(sql<boolean>`1 = 0`);
  if (f.from) q = q.where('m.marked_day', '>=', f.from);
  if (f.to) q = q.where('m.marked_day', '<=', f.to);
  if (f.classId) q = q.where('m.class_id', '=', f.classId);
  if (f.sessionId) q = q.where('m.session_id', '=', f.sessionId);
  if (f.studentId) q = q.where('m.student_id', '=', f.studentId);
  return q;
}

export async function listMarks(db: Executor, f: MarkFilter) {
  const ids = await filtered(db, f).select('m.id').orderBy('m.marked_at', 'desc').orderBy('m.id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const marks = new Map((await findMarks(db, idsOf(ids))).map((m) => [m.id, m]));
  return { items: ids.map((r) => marks.get(r.id)!), total: Number(total.n) };
}

/** A change to a mark for the audit trail: `after` is null when the mark was taken out. */
export interface AuditEntry {
  id: string;
  before: Mark;
  after: Mark | null;
  reason: string | null;
  by: MarkedBy | null;
  at: number;
}

export async function insertAudit(db: Executor, entries: readonly AuditEntry[]) {
  if (entries.length === 0) return;
  await db
    .insertInto('attendance_audit')
    .values(
      entries.map((e) => ({
        id: e.id,
        mark_id: e.before.id,
        action: e.after ? 'update' : 'delete',
        before_json: JSON.stringify(e.before),
        after_json: e.after ? JSON.stringify(e.after) : null,
        reason: e.reason,
        at: e.at,
        actor_id: e.by?.id ?? null,
        actor_name: e.by?.name ?? null,
      })),
    )
    .execute();
}

export async function auditOf(db: Executor, markId: string) {
  return db.selectFrom('attendance_audit').selectAll().where('mark_id', '=', markId).orderBy('at').orderBy('id').execute();
}

export type MarkPatch = Pick<
  Updateable<AttendanceMarksTable>,
  'status' | 'method' | 'reason' | 'marked_at' | 'marked_day' | 'marked_offset' | 'similarity' | 'device_id'
>;

/** Changes a stored mark and records who changed it last (null: a device or nobody known). */
export async function updateMark(db: Executor, id: string, patch: MarkPatch, by: MarkedBy | null) {
  await db
    .updateTable('attendance_marks')
    .set({ ...patch, marked_by: by?.id ?? null, marked_by_name: by?.name ?? null })
    .where('id', '=', id)
    .execute();
  await invalidateMarks(db, [id]);
}

export async function deleteMarks(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await invalidateMarks(db, ids);
  await db.deleteFrom('attendance_marks').where('id', 'in', ids).execute();
}

/** Ids of one mark (if stored) or of every mark of a session. */
export async function markIdsOf(db: Executor, filter: { markId: string } | { sessionId: string }): Promise<string[]> {
  const q = db.selectFrom('attendance_marks').select('id');
  const rows = 'markId' in filter ? await q.where('id', '=', filter.markId).execute() : await q.where('session_id', '=', filter.sessionId).execute();
  return rows.map((r) => r.id);
}

/** The students with a mark in this session. */
export async function studentsMarkedIn(db: Executor, sessionId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('attendance_marks').select('student_id').where('session_id', '=', sessionId).execute();
  return new Set(rows.map((r) => r.student_id));
}

/** The marks in these sessions: enough to tell who was seen and which absences have a reason. */
export async function sessionMarks(db: Executor, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('attendance_marks as m')
    .leftJoin('students as s', 's.student_id', 'm.student_id')
    .select(['m.id', 'm.session_id', 'm.student_id', 'm.status', 'm.reason', 's.name'])
    .where('m.session_id', 'in', sessionIds)
    .execute();
}

export async function markOf(db: Executor, sessionId: string, studentId: string) {
  return db.selectFrom('attendance_marks').select(['id']).where('session_id', '=', sessionId).where('student_id', '=', studentId).executeTakeFirst();
}

/** Attendance marks stored under this id: after a deletion with keepMarks, the kept records of a former student. */
export async function countMarksOf(db: Executor, studentId: string): Promise<number> {
  const r = await db
    .selectFrom('attendance_marks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('student_id', '=', studentId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteMarksOf(db: Executor, studentId: string) {
  await bumpSummaryEpochs(db, idsOfClasses(await classesOfMarks(db).where('m.student_id', '=', studentId).execute()));
  await db.deleteFrom('attendance_marks').where('student_id', '=', studentId).execute();
}

/** Absent without a reason: what a guardian is told about. An excused status or any reason explains it. */
function unexplainedIn(db: Executor) {
  return db
    .selectFrom('attendance_marks')
    .where('status', '=', 'absent')
    .where((eb) => eb.or([eb('reason', 'is', null), eb('reason', '=', '')]));
}

export async function unexplainedInSession(db: Executor, sessionId: string) {
  return unexplainedIn(db).select(['id', 'student_id']).where('session_id', '=', sessionId).orderBy('id').execute();
}

/** How many unexplained absences each of these students has on school days in [from, to]. */
export async function unexplainedCounts(db: Executor, studentIds: string[], from: string, to: string) {
  return unexplainedIn(db)
    .select(['student_id', sql<number>`count(*)`.as('n')])
    .where('student_id', 'in', studentIds)
    .where('marked_day', '>=', from)
    .where('marked_day', '<=', to)
    .groupBy('student_id')
    .execute();
}

/** A mark with what a notice about it says: its session's times and period, its class and student. */
export async function markForNotice(db: Executor, markId: string) {
  return db
    .selectFrom('attendance_marks as m')
    .leftJoin('class_sessions as s', 's.id', 'm.session_id')
    .leftJoin('class_periods as p', 'p.id', 's.period_id')
    .leftJoin('classes as c', 'c.id', 'm.class_id')
    .innerJoin('students as st', 'st.student_id', 'm.student_id')
    .select(['m.status', 'm.reason', 'm.marked_day', 's.starts_at', 's.ends_at', 'p.label as period', 'c.name as class_name', 'st.name as student_name'])
    .where('m.id', '=', markId)
    .executeTakeFirst();
}

export interface SightingWindow {
  studentId: string;
  /** The user's or device token's id, as stored in marked_by. */
  markedBy: string;
  /** marked_at between these (epoch ms). */
  from: number;
  to: number;
  /** Received by the server at or after this. */
  receivedSince: number;
}

/**
 * The ways the caller marked the student present or late within the window: 'face' for a camera
 * mark, 'manual' for a hand mark carrying a score (a teacher confirming a review item offered by name).
 */
export async function sightingMarks(db: Executor, w: SightingWindow): Promise<Set<'face' | 'manual'>> {
  const rows = await db
    .selectFrom('attendance_marks')
    .select('method')
    .distinct()
    .where('student_id', '=', w.studentId)
    .where('marked_by', '=', w.markedBy)
    .where('marked_at', '>=', w.from)
    .where('marked_at', '<=', w.to)
    .where('received_at', '>=', w.receivedSince)
    .where('status', 'in', ['present', 'late'])
    .where((eb) => eb.or([eb('method', '=', 'face'), eb.and([eb('method', '=', 'manual'), eb('similarity', 'is not', null)])]))
    .execute();
  return new Set(rows.map((r) => (r.method === 'face' ? 'face' : 'manual')));
}

export async function auditOfMarks(db: Executor, markIds: readonly string[]) {
  if (markIds.length === 0) return [];
  return db
    .selectFrom('attendance_audit')
    .select(['mark_id', 'action', 'before_json', 'after_json', 'reason', 'at', 'actor_name'])
    .where('mark_id', 'in', markIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Audit entries whose JSON matches this LIKE pattern (escaped with LIKE_ESCAPE). */
export async function auditMatching(db: Executor, pattern: string) {
  return db
    .selectFrom('attendance_audit')
    .select(['id', 'before_json', 'after_json'])
    .where((eb) => eb.or([likeEscaped('before_json', pattern), likeEscaped('after_json', pattern)]))
    .execute();
}

export async function rewriteAudit(db: Executor, id: string, json: { before_json?: string; after_json?: string }) {
  await db.updateTable('attendance_audit').set(json).where('id', '=', id).execute();
}

/**
 * Deletes marks made or received before `before`, every audit entry of those marks (they copy the
 * student's name), and audit entries written before `before`, in the caller's transaction. The
 * server's receipt time bounds every mark: one dated in the future by its device still goes on time.
 */
export async function purgeBefore(db: Executor, before: number) {
  // Old marks are outside any term asked for, usually; their classes' summaries are raised all the same.
  const expiredIn = await classesOfMarks(db)
    .where((eb) => eb.or([eb('m.marked_at', '<', before), eb('m.received_at', '<', before)]))
    .execute();
  await bumpSummaryEpochs(db, idsOfClasses(expiredIn));
  const expired = db
    .selectFrom('attendance_marks')
    .select('id')
    .where((eb) => eb.or([eb('marked_at', '<', before), eb('received_at', '<', before)]));
  const audit = await db
    .deleteFrom('attendance_audit')
    .where((eb) => eb.or([eb('at', '<', before), eb('mark_id', 'in', expired)]))
    .executeTakeFirst();
  const marks = await db
    .deleteFrom('attendance_marks')
    .where((eb) => eb.or([eb('marked_at', '<', before), eb('received_at', '<', before)]))
    .executeTakeFirst();
  return { marksDeleted: Number(marks.numDeletedRows), auditDeleted: Number(audit.numDeletedRows) };
}
