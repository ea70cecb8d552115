// Frozen: the revision at which each account's classes last changed (classes given or taken away,
// a role change). A device or browser asking /api/sync from before it holds the wrong classes and
// is sent a whole set of its scope instead of a delta.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('scope_revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('scope_revision').execute();
}
