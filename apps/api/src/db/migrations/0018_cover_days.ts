// Frozen: the day up to which covers have changed their teachers' scopes. A cover set up on an
// earlier day gives its teacher the class at that day's midnight (and takes it back at the next)
// with no write to log it, so the first request of each server-local day logs those scope changes
// once for the district and moves this day on; null (a new or upgraded database) starts at the day
// of the first request without logging anyone. An index on the day reads a range of days.
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('timetable_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('covers_rolled_to', 'char(10)')
    .modifyEnd(tableOptions(db))
    .execute();
  // The one row every instance locks, present from the start so that racing instances never both insert it.
  await db.insertInto('timetable_state').values({ id: 1, covers_rolled_to: null }).execute();
  await db.schema.createIndex('class_covers_day').on('class_covers').column('day').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('class_covers_day').on('class_covers').execute();
  await db.schema.dropTable('timetable_state').execute();
}
