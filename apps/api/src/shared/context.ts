// What every service gets: the database, the clock and the rules that come from configuration.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export interface ServiceContext {
  db: Kysely<DB>;
  /** MySQL: connections whose sessions read committed rows, for writeTransaction (Database.writeDb). */
  writeDb?: Kysely<DB>;
  dialect: 'mysql' | 'sqlite';
  now: () => number;
  cooldownMs: number;
}

/**
 * A write transaction. On MySQL it reads committed rows, so checks made after taking a row lock
 * see what the lock waited for: on the write pool, whose sessions are set so once per connection,
 * or else (a context without one) with a `SET TRANSACTION` before it.
 */
export function writeTransaction<T>(ctx: ServiceContext, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (ctx.writeDb) return ctx.writeDb.transaction().execute(fn);
  const builder = ctx.db.transaction();
  return (ctx.dialect === 'mysql' ? builder.setIsolationLevel('read committed') : builder).execute(fn);
}

/**
 * A "contains" LIKE pattern for user text, wildcards escaped with `!`; use it with ESCAPE '!'
 * (SQLite has no default escape character, and a backslash literal differs between the two dialects).
 */
export const LIKE_ESCAPE = '!';
export const escapeLike = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);
export const likePattern = (q: string): string => `%${escapeLike(q.toLowerCase())}%`;
/** `column LIKE pattern ESCAPE '!'`, for a pattern made with escapeLike. */
export const likeEscaped = (column: string, pattern: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape ${sql.lit(LIKE_ESCAPE)}`;
