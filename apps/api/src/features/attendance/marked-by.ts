// Who is making a change to the register, as stored with marks and audit entries: the id of the
// user or device token, and its name at that moment (so the record survives a deleted account).
import type { Actor } from '../../shared/actor.ts';
import type { Executor } from '../../shared/context.ts';

export interface MarkedBy {
  id: string;
  name: string;
}

export async function markedBy(db: Executor, actor: Actor | null): Promise<MarkedBy | null> {
  if (!actor) return null;
  if (actor.kind === 'device') return { id: actor.id, name: actor.name };
  const row = await db.selectFrom('users').select('name').where('id', '=', actor.id).executeTakeFirst();
  return { id: actor.id, name: row?.name ?? actor.id };
}
