// Opens the database named by the configuration: MySQL through mysql2, or SQLite in a local file.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import type { DatabaseConfig } from '../config.ts';
import type { DB } from './schema.ts';

export interface Database {
  db: Kysely<DB>;
  /**
   * MySQL only: connections whose sessions read committed rows, for write transactions
   * (writeTransaction), so a transaction needs no `SET TRANSACTION` round trip of its own.
   */
  writeDb?: Kysely<DB>;
  dialect: 'mysql' | 'sqlite';
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): Database {
  if (config.dialect === 'mysql') {
    const pool = () =>
      createPool({
        uri: config.url,
        connectionLimit: config.poolSize,
        // Fail fast when the server is down, so requests answer 503 instead of hanging.
        connectTimeout: 5_000,
        supportBigNumbers: true,
        bigNumberStrings: false,
        timezone: 'Z',
        charset: 'utf8mb4',
      });
    const db = new Kysely<DB>({ dialect: new MysqlDialect({ pool: pool() }) });
    // A pool apart, not the session default of every connection: reads and other transactions
    // keep REPEATABLE READ (a sync page reads one snapshot). Its connections open as needed.
    const writeDb = new Kysely<DB>({
      dialect: new MysqlDialect({
        pool: pool(),
        onCreateConnection: (c) => c.executeQuery(CompiledQuery.raw('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED')).then(() => undefined),
      }),
    });
    return { db, writeDb, dialect: 'mysql', close: () => Promise.all([db.destroy(), writeDb.destroy()]).then(() => undefined) };
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.file)), { recursive: true });
  const sqlite = new SqliteDatabase(config.file);
  sqlite.pragma('journal_mode = WAL');
  // Deleted rows (a student's embeddings and name) are overwritten, not left readable in free pages.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
