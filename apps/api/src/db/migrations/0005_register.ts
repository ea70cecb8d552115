// Frozen: the class register. Who made or last changed a mark and why (an excused student's
// reason), and who made each audited change. Absent marks and the 'session-end' method need no
// schema change (status and method are strings).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('attendance_marks').addColumn('reason', 'varchar(500)').execute();
  await db.schema.alterTable('attendance_marks').addColumn('marked_by', 'varchar(36)').execute();
  await db.schema.alterTable('attendance_marks').addColumn('marked_by_name', 'varchar(200)').execute();
  await db.schema.alterTable('attendance_audit').addColumn('actor_id', 'varchar(36)').execute();
  await db.schema.alterTable('attendance_audit').addColumn('actor_name', 'varchar(200)').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['actor_name', 'actor_id']) await db.schema.alterTable('attendance_audit').dropColumn(c).execute();
  for (const c of ['marked_by_name', 'marked_by', 'reason']) await db.schema.alterTable('attendance_marks').dropColumn(c).execute();
}
