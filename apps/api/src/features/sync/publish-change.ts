// The one way a roster write is announced: in the writer's transaction it bumps the revision, logs
// each change for /api/sync, and appends the roster.changed event that tells every open tab to pull
// now (the event and the change commit together, or neither does).
import type { Executor } from '../../shared/context.ts';
import { appendEvents } from '../events/events.repository.ts';
import { recordChanges, type Change } from './changes.repository.ts';

export interface Affected {
  studentIds?: string[];
  classIds?: string[];
}

/** Returns the new revision. */
export async function publishChange(trx: Executor, changes: Change[], affected: Affected, at: number): Promise<number> {
  const revision = await recordChanges(trx, changes, at);
  await appendEvents(trx, [{ type: 'roster.changed', revision, studentIds: affected.studentIds ?? [], classIds: affected.classIds ?? [] }], at);
  return revision;
}
