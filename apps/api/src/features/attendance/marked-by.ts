// Who is making a change to the register, as stored with marks and audit entries: the id of the
// user or device token, and its name at that moment (so the record survives a deleted account).
import type { Actor } from '../../shared/actor.ts';
import type { Executor } from '../../shared/context.ts';
import type { UsersService } from '../users/users.service.ts';

export interface MarkedBy {
  id: string;
  name: string;
}

export async function markedBy(db: Executor, actor: Actor | null, users: Pick<UsersService, 'nameOf'>): Promise<MarkedBy | null> {
  if (!actor) return null;
  if (actor.kind === 'device') return { id: actor.id, name: actor.name };
  return { id: actor.id, name: (await users.nameOf(db, actor.id)) ?? actor.id };
}
