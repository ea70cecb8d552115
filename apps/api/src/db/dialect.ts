// The few places where MySQL and SQLite need different SQL, in one file.
import { MysqlAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isMysql(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof MysqlAdapter;
}

/**
 * MySQL tables use a binary collation so that ids compare exactly as on SQLite ("S001" and
 * "s001" are different students on both); searches lower-case explicitly instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function tableOptions(db: Kysely<any>): RawBuilder<unknown> {
  return isMysql(db) ? sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin` : sql``;
}
