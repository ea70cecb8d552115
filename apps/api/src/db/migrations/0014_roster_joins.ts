// Frozen: the change log names each student who joins a roster, so a delta sends a device only the
// students new to its classes. Revisions up to member_log_from were logged without those rows: a
// device asking from before it is sent the whole rosters of its changed classes instead.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sync_state')
    .addColumn('member_log_from', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('sync_state')
    .set((eb) => ({ member_log_from: eb.ref('revision') }))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_state').dropColumn('member_log_from').execute();
}
