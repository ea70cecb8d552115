// Frozen: the timetable. Weekly periods per class (local wall-clock times, so a period stays at
// 09:00 across a clock change), the school's term dates, one-day cover teachers, and the period a
// session was started for: one session per period per day, however many laptops start it.
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('class_periods')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('label', 'varchar(100)', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'varchar(5)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(5)', (c) => c.notNull())
    .addColumn('late_after_minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex('class_periods_class').on('class_periods').columns(['class_id', 'weekday']).execute();

  await db.schema
    .createTable('school_terms')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('first_day', 'char(10)', (c) => c.notNull())
    .addColumn('last_day', 'char(10)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();

  await db.schema
    .createTable('class_covers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'char(10)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex('class_covers_once').on('class_covers').columns(['class_id', 'user_id', 'day']).unique().execute();
  await db.schema.createIndex('class_covers_user_day').on('class_covers').columns(['user_id', 'day']).execute();

  // No foreign key: deleting a period keeps the sessions it started (their marks are the register).
  await db.schema.alterTable('class_sessions').addColumn('period_id', 'varchar(36)').execute();
  // Unique with NULLs allowed many times on both dialects: only period sessions are held to one a day.
  await db.schema.createIndex('class_sessions_period_day').on('class_sessions').columns(['period_id', 'day']).unique().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('class_sessions_period_day').on('class_sessions').execute();
  await db.schema.alterTable('class_sessions').dropColumn('period_id').execute();
  await db.schema.dropTable('class_covers').execute();
  await db.schema.dropTable('school_terms').execute();
  await db.schema.dropTable('class_periods').execute();
}
