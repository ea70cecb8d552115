// Live events are rows, written in the same transaction as the change they announce: an event
// exists exactly when its change committed, and every API instance can read it.
// A mark.accepted is kept as its mark's id (stored-event.ts).
import type { LiveEvent } from '@rollcall/contracts';
import { likeEscaped, type Executor } from '../../shared/context.ts';
import { acceptedRef, toStored, type StoredEvent, type StoredRow } from './stored-event.ts';

async function insertStored(trx: Executor, events: StoredEvent[], at: number): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('events')
    .values(events.map((e) => ({ type: e.type, payload: JSON.stringify(e), at })))
    .execute();
}

export const appendEvents = (trx: Executor, events: LiveEvent[], at: number): Promise<void> => insertStored(trx, events.map(toStored), at);

/** A mark.accepted for each of these marks, inserted in this transaction. */
export const appendAccepted = (trx: Executor, markIds: readonly string[], at: number): Promise<void> => insertStored(trx, markIds.map(acceptedRef), at);

const parsed = (rows: { id: number | bigint; payload: string }[]): StoredRow[] =>
  rows.map((r) => ({ id: Number(r.id), stored: JSON.parse(r.payload) as StoredEvent }));

export async function eventsAfter(db: Executor, afterId: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): Promise<StoredRow[]> {
  return parsed(await db.selectFrom('events').select(['id', 'payload']).where('id', '>', afterId).where('id', '<=', upTo).orderBy('id').limit(limit).execute());
}

export async function eventsByIds(db: Executor, ids: number[]): Promise<StoredRow[]> {
  if (ids.length === 0) return [];
  return parsed(await db.selectFrom('events').select(['id', 'payload']).where('id', 'in', ids).orderBy('id').execute());
}

export async function lastEventId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** The newest `limit` events' ids and write times, newest first: where a starting hub looks for ids still committing. */
export async function newestEvents(db: Executor, limit: number): Promise<{ id: number; at: number }[]> {
  const rows = await db.selectFrom('events').select(['id', 'at']).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.id), at: Number(r.at) }));
}

/**
 * Deletes events written before `before`, except the newest: the highest id stays in the table,
 * so a quiet day never empties it and a client's Last-Event-ID is never taken for one from
 * another database (a restored one).
 */
export async function pruneEvents(db: Executor, before: number): Promise<void> {
  const head = await lastEventId(db);
  await db.deleteFrom('events').where('at', '<', before).where('id', '<', head).execute();
}

/** Events whose payload matches this LIKE pattern (escaped with LIKE_ESCAPE). */
export async function eventsMatching(db: Executor, pattern: string) {
  return db.selectFrom('events').select(['id', 'payload']).where(likeEscaped('payload', pattern)).execute();
}

export async function rewriteEvent(db: Executor, id: number, payload: string) {
  await db.updateTable('events').set({ payload }).where('id', '=', id).execute();
}
