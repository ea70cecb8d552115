// Live events as other features write them: always inside the transaction of the change they
// announce, so the executor is passed in. The stream reads the repository itself.
import type { LiveEvent } from '@rollcall/contracts';
import type { Executor } from '../../shared/context.ts';
import * as repo from './events.repository.ts';

export function eventsService() {
  return {
    append: (trx: Executor, events: LiveEvent[], at: number) => repo.appendEvents(trx, events, at),
    /** A mark.accepted for each of these marks, just inserted in `trx`: the same events as append's, without building the marks. */
    appendAccepted: (trx: Executor, markIds: readonly string[], at: number) => repo.appendAccepted(trx, markIds, at),
    /** Events whose payload matches this LIKE pattern, for erasing a name from them. */
    matching: (db: Executor, pattern: string) => repo.eventsMatching(db, pattern),
    rewrite: (db: Executor, id: number, payload: string) => repo.rewriteEvent(db, id, payload),
  };
}
export type EventsService = ReturnType<typeof eventsService>;
