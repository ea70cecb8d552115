// The revision counter and change log. Every write of a student, embedding or roster bumps the
// counter in its own transaction: the row lock orders writers, so revisions commit in order and
// a device that has seen revision N has seen every change up to N.
import type { Executor } from '../../shared/context.ts';

export type Entity = 'student' | 'embedding' | 'class';
/**
 * A deletion names the classes whose rosters held the entity when it went: a teacher or device
 * is told only of deletions in its own classes (another class's ids would leak). No class (a
 * student on no roster) means only admins hear of it.
 */
export type Change =
  | { entity: Entity; entityId: string; op: 'upsert' }
  | { entity: Entity; entityId: string; op: 'delete'; classIds: readonly string[] }
  /** A student joined a class's roster: that class's devices need the student and their embeddings. */
  | { entity: 'member'; entityId: string; op: 'upsert'; classId: string }
  /** An account's or a device's classes changed: what its browsers and devices hold is the wrong set of classes. */
  | { entity: 'scope'; entityId: string; op: 'upsert' };

/** A roster change: the class, and one row per student who joined it. */
export const rosterChanged = (classId: string, joined: readonly string[]): Change[] => [
  { entity: 'class', entityId: classId, op: 'upsert' },
  ...joined.map((studentId): Change => ({ entity: 'member', entityId: studentId, op: 'upsert', classId })),
];

/** Accounts (given, taken away, or a role change) or classroom devices (an admin's edit) whose classes changed. */
export const scopesChanged = (ids: readonly string[]): Change[] => ids.map((id) => ({ entity: 'scope', entityId: id, op: 'upsert' }));

export async function recordChanges(trx: Executor, changes: Change[], at: number): Promise<number> {
  // One row per class a deletion concerns (at least one row per change).
  const rows = changes.flatMap((c) => {
    const classIds = c.entity === 'member' ? [c.classId] : c.op === 'delete' && c.classIds.length ? [...new Set(c.classIds)] : [null];
    return classIds.map((classId) => ({ entity: c.entity, entity_id: c.entityId, op: c.op, class_id: classId }));
  });
  if (rows.length === 0) return currentRevision(trx);
  await trx
    .updateTable('sync_state')
    .set((eb) => ({ revision: eb('revision', '+', rows.length) }))
    .where('id', '=', 1)
    .execute();
  const revision = await currentRevision(trx);
  const first = revision - rows.length + 1;
  await trx
    .insertInto('change_log')
    .values(rows.map((r, i) => ({ revision: first + i, ...r, at })))
    .execute();
  return revision;
}

export async function currentRevision(db: Executor): Promise<number> {
  return (await syncState(db)).revision;
}

/** The revision, and the last one logged before roster joins were (see rosterChanged). */
export async function syncState(db: Executor): Promise<{ revision: number; memberLogFrom: number }> {
  const row = await db.selectFrom('sync_state').select(['revision', 'member_log_from']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { revision: Number(row.revision), memberLogFrom: Number(row.member_log_from) };
}

export async function changesSince(db: Executor, since: number, upTo: number, limit: number) {
  const rows = await db
    .selectFrom('change_log')
    .select(['revision', 'entity', 'entity_id', 'op', 'class_id'])
    .where('revision', '>', since)
    .where('revision', '<=', upTo)
    .orderBy('revision')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    revision: Number(r.revision),
    entity: r.entity as Change['entity'],
    entityId: r.entity_id,
    op: r.op as Change['op'],
    classId: r.class_id,
  }));
}

/** Takes the sync_state row lock (MySQL): what serialises racing first-run setups. */
export async function lockSyncState(db: Executor, dialect: 'mysql' | 'sqlite') {
  let lock = db.selectFrom('sync_state').select('id').where('id', '=', 1);
  if (dialect === 'mysql') lock = lock.forUpdate();
  await lock.execute();
}

/**
 * The revision at which the caller's classes last changed: a person's own; for a device, the later
 * of its own (an admin edited its classes) and the teacher's it acts for (its classes are cut to
 * theirs). 0: never changed since they were logged.
 */
export async function scopeRevisionOf(db: Executor, caller: { kind: 'user' | 'device'; id: string }): Promise<number> {
  if (caller.kind === 'user') {
    const row = await db.selectFrom('users').select('scope_revision').where('id', '=', caller.id).executeTakeFirst();
    return Number(row?.scope_revision ?? 0);
  }
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select(['t.scope_revision as own', 'u.scope_revision as teacher'])
    .where('t.id', '=', caller.id)
    .executeTakeFirst();
  return Math.max(Number(row?.own ?? 0), Number(row?.teacher ?? 0));
}
