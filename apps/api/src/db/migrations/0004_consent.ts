// Frozen: biometric consent per student (current status on the student, every change in a history
// that doubles as its audit), and school settings stored in the database with their own audit.
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  const opts = tableOptions(db);
  // Every existing student starts as "not asked": nobody's consent is assumed.
  await db.schema
    .alterTable('students')
    .addColumn('consent_status', 'varchar(16)', (c) => c.notNull().defaultTo('not-asked'))
    .execute();

  await db.schema
    .createTable('consent_history')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull().references('students.student_id').onDelete('cascade'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('on_behalf_of', 'varchar(16)')
    .addColumn('note', 'varchar(500)')
    // The id and, as written then, the name: the record stays readable after the account is deleted.
    .addColumn('recorded_by', 'varchar(36)')
    .addColumn('recorded_by_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('embeddings_deleted', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.schema.createIndex('consent_history_student').on('consent_history').columns(['student_id', 'at']).execute();

  await db.schema
    .createTable('school_settings')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'varchar(1000)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .modifyEnd(opts)
    .execute();

  await db.schema
    .createTable('settings_audit')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('before_value', 'varchar(1000)')
    .addColumn('after_value', 'varchar(1000)')
    .addColumn('user_id', 'varchar(36)')
    .addColumn('user_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.schema.createIndex('settings_audit_at').on('settings_audit').column('at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['settings_audit', 'school_settings', 'consent_history']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('students').dropColumn('consent_status').execute();
}
