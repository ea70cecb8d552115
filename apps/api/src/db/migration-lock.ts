// One migrator at a time across every instance that shares a database: several API processes
// started together (or a rolling restart) must not run the same migration twice.
import { sql, type Kysely } from 'kysely';
import { isMysql } from './dialect.ts';

export type MigrationErrorCode = 'database-newer-than-build' | 'migration-lock-timeout' | 'migration-failed';

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface LockOptions {
  /** Told once when another instance holds the lock, so a slow start says why. */
  onWait?: (message: string) => void;
  /** How long to wait for another instance's migration before giving up. */
  waitMs?: number;
}

/** Long enough for any migration we ship on a large school's database; a crashed holder frees the lock at once. */
export const MIGRATION_LOCK_WAIT_MS = 10 * 60_000;

// Lock names are server-wide: one per database, so schools (or test databases) sharing a server do not queue
// behind each other. Hashed because a name may not pass 64 characters.
const MYSQL_LOCK = sql`concat('rollcall-migrations-', md5(database()))`;
const WAIT_MESSAGE = 'Another instance is migrating the database: waiting for it to finish.';

/**
 * Runs `fn` on one connection while holding the database-wide migration lock. MySQL: a named
 * GET_LOCK, released by the server if this process dies (Kysely's Migrator takes its own too, but
 * never checks whether it got it). SQLite: a write transaction (BEGIN IMMEDIATE) around the whole
 * migration, which also makes it all-or-nothing; Kysely takes no lock at all there, and two
 * processes opening one new file would each create the same tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function withMigrationLock<T>(db: Kysely<any>, opts: LockOptions, fn: (conn: Kysely<any>) => Promise<T>): Promise<T> {
  const waitMs = opts.waitMs ?? MIGRATION_LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  return db.connection().execute(async (conn) => {
    if (isMysql(conn)) {
      await acquireMysql(conn, deadline, waitMs, opts.onWait);
      try {
        return await fn(conn);
      } finally {
        await sql`select release_lock(${MYSQL_LOCK})`.execute(conn);
      }
    }
    await acquireSqlite(conn, deadline, waitMs, opts.onWait);
    let result: T;
    try {
      result = await fn(conn);
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function acquireMysql(conn: Kysely<any>, deadline: number, waitMs: number, onWait: LockOptions['onWait']) {
  for (let waited = false; ; waited = true) {
    // A short timeout per try, so the deadline holds; 1 = got it, 0 = timed out.
    const seconds = waited ? Math.max(1, Math.min(5, Math.ceil((deadline - Date.now()) / 1000))) : 0;
    const { rows } = await sql<{ got: number | null }>`select get_lock(${MYSQL_LOCK}, ${seconds}) as got`.execute(conn);
    if (Number(rows[0]?.got) === 1) return;
    if (!waited) onWait?.(WAIT_MESSAGE);
    if (Date.now() >= deadline) throw lockTimeout(waitMs);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function acquireSqlite(conn: Kysely<any>, deadline: number, waitMs: number, onWait: LockOptions['onWait']) {
  for (let waited = false; ; waited = true) {
    try {
      // Waits up to the connection's busy_timeout for another writer before SQLITE_BUSY.
      await sql`begin immediate`.execute(conn);
      return;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
      if (!waited) onWait?.(WAIT_MESSAGE);
      if (Date.now() >= deadline) throw lockTimeout(waitMs);
    }
  }
}

const lockTimeout = (waitMs: number) =>
  new MigrationError(
    'migration-lock-timeout',
    `Another instance held the migration lock for over ${Math.round(waitMs / 1000)} s: check that instance's log, then start this one again.`,
  );
