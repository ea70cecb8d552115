// Frozen: the revision at which each classroom device's own classes last changed (an admin edited
// them). A laptop asking /api/sync from before it holds the wrong classes and is sent a whole set
// of its scope instead of a delta, as a teacher's browser is after 0015.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope_revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('scope_revision').execute();
}
