// SQL for attendance marks and their audit trail.
import { sql } from 'kysely';
import type { ListMarksQuery, Mark } from '@rollcall/contracts';
import type { Executor } from '../../shared/context.ts';
import { isoWithOffset, toIso } from '../../shared/time.ts';
import type { Insertable, Updateable } from 'kysely';
import type { AttendanceMarksTable } from '../../db/schema.ts';
import type { MarkedBy } from './marked-by.ts';

export type MarkRow = Insertable<AttendanceMarksTable>;

const markQuery = (db: Executor) =>
  db.selectFrom('attendance_marks as m').leftJoin('students as s', 's.student_id', 'm.student_id').selectAll('m').select('s.name as student_name');

type Row = Awaited<ReturnType<ReturnType<typeof markQuery>['executeTakeFirstOrThrow']>>;

export function toMark(r: Row): Mark {
  return {
    id: r.id,
    studentId: r.student_id,
    studentName: r.student_name ?? null,
    sessionId: r.session_id,
    classId: r.class_id,
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

/**
 * Which of these mark ids the server has seen: stored marks, and manual changes applied to
 * another mark (their audit entry carries the change's id), so a resent change applies once.
 */
export async function existingIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const marks = await db.selectFrom('attendance_marks').select('id').where('id', 'in', ids).execute();
  const changes = await db.selectFrom('attendance_audit').select('id').where('id', 'in', ids).execute();
  return new Set([...marks, ...changes].map((r) => r.id));
}

/** Marks of these students that could make a new one a duplicate: same session, or within the cooldown. */
export async function recentMarks(db: Executor, studentIds: string[], sessionIds: string[], from: number, to: number) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('attendance_marks')
    .select(['id', 'student_id', 'session_id', 'marked_at', 'method'])
    .where('student_id', 'in', studentIds)
    .where((eb) => {
      const near = eb.and([eb('marked_at', '>', from), eb('marked_at', '<', to)]);
      return sessionIds.length ? eb.or([near, eb('session_id', 'in', sessionIds)]) : near;
    })
    .execute();
}

export async function insertMarks(db: Executor, rows: MarkRow[]) {
  if (rows.length) await db.insertInto('attendance_marks').values(rows).execute();
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
  const marks = new Map(
    (
      await findMarks(
        db,
        ids.map((r) => r.id),
      )
    ).map((m) => [m.id, m]),
  );
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
}

export async function deleteMarks(db: Executor, ids: readonly string[]) {
  if (ids.length)
    await db
      .deleteFrom('attendance_marks')
      .where('id', 'in', [...ids])
      .execute();
}

/** Ids of one mark (if stored) or of every mark of a session. */
export async function markIdsOf(db: Executor, filter: { markId: string } | { sessionId: string }): Promise<string[]> {
  const q = db.selectFrom('attendance_marks').select('id');
  const rows = 'markId' in filter ? await q.where('id', '=', filter.markId).execute() : await q.where('session_id', '=', filter.sessionId).execute();
  return rows.map((r) => r.id);
}
