// The revision counter and change log. Every write of a student, embedding or roster bumps the
// counter in its own transaction: the row lock orders writers, so revisions commit in order and
// a device that has seen revision N has seen every change up to N.
import type { Executor } from '../../shared/context.ts';

export type Entity = 'student' | 'embedding' | 'class';
export interface Change {
  entity: Entity;
  entityId: string;
  op: 'upsert' | 'delete';
}

export async function recordChanges(trx: Executor, changes: Change[], at: number): Promise<number> {
  if (changes.length === 0) return currentRevision(trx);
  await trx
    .updateTable('sync_state')
    .set((eb) => ({ revision: eb('revision', '+', changes.length) }))
    .where('id', '=', 1)
    .execute();
  const revision = await currentRevision(trx);
  const first = revision - changes.length + 1;
  await trx
    .insertInto('change_log')
    .values(changes.map((c, i) => ({ revision: first + i, entity: c.entity, entity_id: c.entityId, op: c.op, at })))
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
    .select(['revision', 'entity', 'entity_id', 'op'])
    .where('revision', '>', since)
    .where('revision', '<=', upTo)
    .orderBy('revision')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ revision: Number(r.revision), entity: r.entity as Entity, entityId: r.entity_id, op: r.op as Change['op'] }));
}
