// Frozen: indexes for a district on one server (2,000 classes, a term of sessions and marks).
// Sessions by school day: the statistics and registers of every class over a range of days read
// them by day alone, which otherwise scans every session of every class.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('class_sessions_day').on('class_sessions').columns(['day', 'class_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('class_sessions_day').on('class_sessions').execute();
}
