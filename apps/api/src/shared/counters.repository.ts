// SQL for fixed-window request counters shared by every API instance (sign-in throttling, the
// mark-posting limit). Callers lock the rows inside a write transaction, decide, then save, so
// parallel requests on any instance are counted one after another.
import { createHash } from 'node:crypto';
import type { Executor } from './context.ts';

export interface Counter {
  key: string;
  /** Hits in the current window (0 when the window has passed). */
  count: number;
  windowStart: number;
  /** When the last counted hit came (0: never). */
  lastAt: number;
}

/** Keys are hashed: the table holds no email, address or token. */
export const counterKey = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/**
 * Creates missing counters. Run it outside the transaction that locks them: an INSERT IGNORE that
 * meets an existing row holds a shared lock to the end of its transaction, and two such
 * transactions that both go on to lock the row for update deadlock.
 */
export async function ensureCounters(db: Executor, dialect: 'mysql' | 'sqlite', keys: string[], now: number): Promise<void> {
  const fresh = [...new Set(keys)].sort().map((key) => ({ key, window_start: now, count: 0, last_at: 0 }));
  if (fresh.length === 0) return;
  if (dialect === 'mysql') await db.insertInto('rate_counters').ignore().values(fresh).execute();
  else
    await db
      .insertInto('rate_counters')
      .values(fresh)
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
}

/** Locks (MySQL; SQLite serialises writers) and reads the counters made by ensureCounters; a passed window reads as empty. */
export async function lockCounters(trx: Executor, dialect: 'mysql' | 'sqlite', keys: string[], now: number, windowMs: number): Promise<Map<string, Counter>> {
  const sorted = [...new Set(keys)].sort();
  let q = trx.selectFrom('rate_counters').selectAll().where('key', 'in', sorted).orderBy('key');
  if (dialect === 'mysql') q = q.forUpdate();
  const out = new Map<string, Counter>();
  for (const r of await q.execute()) {
    const expired = Number(r.window_start) <= now - windowMs;
    out.set(r.key, { key: r.key, count: expired ? 0 : Number(r.count), windowStart: expired ? now : Number(r.window_start), lastAt: Number(r.last_at) });
  }
  return out;
}

export async function saveCounters(trx: Executor, counters: Counter[]): Promise<void> {
  for (const c of counters) {
    await trx.updateTable('rate_counters').set({ count: c.count, window_start: c.windowStart, last_at: c.lastAt }).where('key', '=', c.key).execute();
  }
}

/**
 * Counts one hit on a counter, made on the first hit, unless its window already holds `limit`;
 * returns 0 when counted, else how long until the window ends. The usual case is one UPDATE
 * outside any transaction: a counter row is locked for that statement only, never across round
 * trips, so one caller's parallel requests (a laptop's outbox, several tabs) do not queue on it.
 */
export async function countHit(db: Executor, dialect: 'mysql' | 'sqlite', key: string, now: number, limit: number, windowMs: number): Promise<number> {
  const expired = now - windowMs;
  for (let attempt = 0; ; attempt++) {
    // count before window_start: MySQL assigns left to right, so count must still see the old window.
    const updated = await db
      .updateTable('rate_counters')
      .set((eb) => ({
        count: eb
          .case()
          .when('window_start', '<=', expired)
          .then(1)
          .else(eb('count', '+', 1))
          .end(),
        window_start: eb.case().when('window_start', '<=', expired).then(now).else(eb.ref('window_start')).end(),
        last_at: now,
      }))
      .where('key', '=', key)
      .where((eb) => eb.or([eb('count', '<', limit), eb('window_start', '<=', expired)]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return 0;
    // Not counted: a new caller (this hit makes its counter), or one at its limit.
    const fresh = { key, window_start: now, count: 1, last_at: now };
    const insert = db.insertInto('rate_counters').values(fresh);
    const made = await (dialect === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.column('key').doNothing())).executeTakeFirst();
    if (Number(made.numInsertedOrUpdatedRows) > 0) return 0;
    const row = await db.selectFrom('rate_counters').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
    if (row && Number(row.count) >= limit && Number(row.window_start) > expired) return Number(row.window_start) + windowMs - now;
    // The counter changed between these statements (a new window, a sweep): count again, a few times at most.
    if (attempt >= 2) return 0;
  }
}

export async function deleteCounters(db: Executor, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('rate_counters').where('key', 'in', keys).execute();
}

/** Takes one hit back (a sign-in that turned out right); never below zero. */
export async function uncount(db: Executor, keys: string[]): Promise<void> {
  if (keys.length)
    await db
      .updateTable('rate_counters')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('key', 'in', keys)
      .where('count', '>', 0)
      .execute();
}

/** Drops counters whose window ended long ago, so the table stays as small as the set of recent callers. */
export async function sweepCounters(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('rate_counters').where('window_start', '<', before).where('last_at', '<', before).execute();
}
