// Frozen: short-lived pairing codes that let a classroom laptop receive its device token by
// typing a short code instead of the long token. The token is kept only sealed with a key derived
// from the code, so the table alone cannot hand out a working token.
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('device_pairings')
    .addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_id', 'varchar(36)', (c) => c.notNull().references('api_tokens.id').onDelete('cascade'))
    .addColumn('sealed_token', 'varchar(400)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex('device_pairings_token').on('device_pairings').column('token_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_pairings').execute();
}
