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
export type Change = { entity: Entity; entityId: string; op: 'upsert' } | { entity: Entity; entityId: string; op: 'delete'; classIds: readonly string[] };

export async function recordChanges(trx: Executor, changes: Change[], at: number): Promise<number> {
  // One row per class a deletion concerns (at least one row per change).
  const rows = changes.flatMap((c) => {
    const classIds = c.op === 'delete' && c.classIds.length ? [...new Set(c.classIds)] : [null];
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
  const row = await db.selectFrom('sync_state').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.revision);
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
  return rows.map((r) => ({ revision: Number(r.revision), entity: r.entity as Entity, entityId: r.entity_id, op: r.op as Change['op'], classId: r.class_id }));
}

/** Takes the sync_state row lock (MySQL): what serialises racing first-run setups. */
export async function lockSyncState(db: Executor, dialect: 'mysql' | 'sqlite') {
  let lock = db.selectFrom('sync_state').select('id').where('id', '=', 1);
  if (dialect === 'mysql') lock = lock.forUpdate();
  await lock.execute();
}
