// Frozen: security probe fixes. Request counters shared by every API instance (sign-in
// throttling with growing delays, the mark-posting limit), the (account, address) pairs that signed
// in before, and the classes a change-log deletion concerns (so a scoped sync sends only its own).
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  const opts = tableOptions(db);
  // Keys are sha256 hex of what they count (an account, an address, an actor): no email or address is stored.
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'char(64)', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.schema
    .createTable('sign_in_known')
    .addColumn('key', 'char(64)', (c) => c.primaryKey())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.schema.dropTable('sign_in_failures').execute();
  await db.schema.alterTable('change_log').addColumn('class_id', 'varchar(36)').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('change_log').dropColumn('class_id').execute();
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', 'varchar(400)', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.dropTable('sign_in_known').execute();
  await db.schema.dropTable('rate_counters').execute();
}
