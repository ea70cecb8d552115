// Who is making a change to the register, as stored with marks and audit entries: the id of the
// user or device token, and its name at that moment (so the record survives a deleted account).
import type { Actor } from '../../shared/actor.ts';

export interface MarkedBy {
  id: string;
  name: string;
}

/** The caller's name as read when the request was authenticated: no lookup of its own. */
export function markedBy(actor: Actor | null): MarkedBy | null {
  return actor ? { id: actor.id, name: actor.name } : null;
}
