// The one way a write is announced to devices: in the writer's transaction it bumps the revision,
// logs each change for /api/sync, and appends the roster.changed event that tells every open tab to
// pull now (the event and the change commit together, or neither does).
import type { Executor, ServiceContext } from '../../shared/context.ts';
import type { EventsService } from '../events/events.service.ts';
import * as repo from './changes.repository.ts';

export type { Change, Entity } from './changes.repository.ts';

export interface Affected {
  studentIds?: string[];
  classIds?: string[];
}

export function changesService(ctx: ServiceContext, { events }: { events: EventsService }) {
  return {
    /** Records the changes and announces them; returns the new revision. */
    async publish(trx: Executor, changes: repo.Change[], affected: Affected, at: number): Promise<number> {
      const revision = await repo.recordChanges(trx, changes, at);
      await events.append(trx, [{ type: 'roster.changed', revision, studentIds: affected.studentIds ?? [], classIds: affected.classIds ?? [] }], at);
      return revision;
    },
    /** The changes of a roster edit: the class, and each student who joined it. */
    rosterChanged: repo.rosterChanged,
    /** The changes of accounts or devices whose classes changed: their devices start again from a whole set. */
    scopesChanged: repo.scopesChanged,
    /** Takes the sync_state row lock: what serialises racing first-run setups. */
    lockSyncState: (trx: Executor) => repo.lockSyncState(trx, ctx.dialect),
  };
}
export type ChangesService = ReturnType<typeof changesService>;
