// SQL for class sessions (one meeting of a class).
import { sql } from 'kysely';
import type { ClassSession } from '@rollcall/contracts';
import type { ClassSessionsTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';
import { bumpSummaryEpochs } from '../../shared/summary-epochs.repository.ts';

export type SessionRow = ClassSessionsTable;

export function toSession(r: SessionRow, now: number): ClassSession {
  const startsAt = Number(r.starts_at);
  const endsAt = r.ends_at === null ? null : Number(r.ends_at);
  return {
    id: r.id,
    classId: r.class_id,
    startsAt: toIso(startsAt),
    endsAt: endsAt === null ? null : toIso(endsAt),
    lateAfterMinutes: Number(r.late_after_minutes),
    active: startsAt <= now && (endsAt === null || endsAt > now),
    periodId: r.period_id ?? null,
  };
}

const COLS = ['id', 'class_id', 'starts_at', 'ends_at', 'late_after_minutes', 'day', 'created_at', 'period_id'] as const;

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('class_sessions').select(COLS).where('id', '=', id).executeTakeFirst();
}

export const findSessions = (db: Executor, ids: string[]) => sessionsById(db, ids, false);

/**
 * As findSessions, holding a shared lock on the rows until the transaction ends (MySQL; SQLite
 * serialises writers): an edit of a session (its end moved into the settled past) waits for the
 * marks being written into it, or they wait for the edit and see it.
 */
export const shareSessions = (trx: Executor, dialect: 'mysql' | 'sqlite', ids: string[]) => sessionsById(trx, ids, dialect === 'mysql');

/** LOCK IN SHARE MODE, which MariaDB and MySQL 8 both take (MariaDB has no FOR SHARE). */
async function sessionsById(db: Executor, ids: string[], shareLock: boolean): Promise<Map<string, SessionRow>> {
  if (ids.length === 0) return new Map();
  let q = db.selectFrom('class_sessions').select(COLS).where('id', 'in', ids);
  if (shareLock) q = q.modifyEnd(sql`lock in share mode`);
  return new Map((await q.execute()).map((r) => [r.id, r]));
}

export async function listSessions(db: Executor, classId: string, from?: number, to?: number) {
  let q = db.selectFrom('class_sessions').select(COLS).where('class_id', '=', classId);
  if (from !== undefined) q = q.where('starts_at', '>=', from);
  if (to !== undefined) q = q.where('starts_at', '<=', to);
  return q.orderBy('starts_at', 'desc').limit(500).execute();
}

export async function currentSession(db: Executor, classId: string, now: number) {
  return db
    .selectFrom('class_sessions')
    .select(COLS)
    .where('class_id', '=', classId)
    .where('starts_at', '<=', now)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
    .orderBy('starts_at', 'desc')
    .executeTakeFirst();
}

/** The session a timetable period already has on a school day, if any. */
export async function findPeriodSession(db: Executor, periodId: string, day: string): Promise<SessionRow | undefined> {
  return db.selectFrom('class_sessions').select(COLS).where('period_id', '=', periodId).where('day', '=', day).executeTakeFirst();
}

// Every write here changes which sessions a class's day has, or when they run: each raises the
// class's summary epoch (shared/summary-epochs.repository.ts) after its own statement, so outside a
// transaction too a summary computed before the change is never trusted after it.

export async function insertSession(db: Executor, row: SessionRow) {
  await db.insertInto('class_sessions').values(row).execute();
  await bumpSummaryEpochs(db, [row.class_id]);
}

export async function endRunningSessions(db: Executor, classId: string, now: number) {
  await db
    .updateTable('class_sessions')
    .set({ ends_at: now })
    .where('class_id', '=', classId)
    .where('starts_at', '<=', now)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
    .execute();
  await bumpSummaryEpochs(db, [classId]);
}

const classOf = async (db: Executor, id: string) =>
  (await db.selectFrom('class_sessions').select('class_id').where('id', '=', id).executeTakeFirst())?.class_id;

/** Changes a session's times or day (never its class: a day moved is the same class's two days, both under its epoch). */
export async function updateSession(db: Executor, id: string, patch: Partial<Pick<SessionRow, 'starts_at' | 'ends_at' | 'late_after_minutes' | 'day'>>) {
  await db.updateTable('class_sessions').set(patch).where('id', '=', id).execute();
  await bumpSummaryEpochs(db, [await classOf(db, id)]);
}

export async function deleteSession(db: Executor, id: string) {
  const classId = await classOf(db, id);
  const r = await db.deleteFrom('class_sessions').where('id', '=', id).executeTakeFirst();
  await bumpSummaryEpochs(db, [classId]);
  return Number(r.numDeletedRows) > 0;
}

/** Sessions whose school day lies in [from, to], oldest first; of the given classes (null: all). */
export async function sessionsInDays(db: Executor, classIds: readonly string[] | null, from: string, to: string): Promise<SessionRow[]> {
  if (classIds?.length === 0) return [];
  let q = db.selectFrom('class_sessions').select(COLS).where('day', '>=', from).where('day', '<=', to);
  if (classIds) q = q.where('class_id', 'in', classIds);
  return q.orderBy('starts_at').orderBy('id').execute();
}
