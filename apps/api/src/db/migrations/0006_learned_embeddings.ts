// Frozen: where an embedding came from. 'photo' (enrolment, the default for every existing row) or
// 'sighting' (learned by a device from a confirmed recognition: which device, how it was
// confirmed, when the face was seen), so learned embeddings can be listed and removed apart.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema
    .alterTable('face_embeddings')
    .addColumn('origin', 'varchar(16)', (c) => c.notNull().defaultTo('photo'))
    .execute();
  await db.schema.alterTable('face_embeddings').addColumn('learned_device', 'varchar(36)').execute();
  await db.schema.alterTable('face_embeddings').addColumn('learned_how', 'varchar(32)').execute();
  await db.schema.alterTable('face_embeddings').addColumn('sighted_at', 'bigint').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['sighted_at', 'learned_how', 'learned_device', 'origin']) await db.schema.alterTable('face_embeddings').dropColumn(c).execute();
}
