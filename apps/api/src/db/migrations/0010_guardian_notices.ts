// Frozen: guardians and the notices sent to them. A student's guardians go with the student; each
// notice is a row of an outbox, unique per absence (mark) and guardian and channel, so however many
// API instances look at it, and whatever restarts, one absence is announced to one guardian once.
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guardians')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull().references('students.student_id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('relation', 'varchar(100)')
    .addColumn('email', 'varchar(320)')
    .addColumn('phone', 'varchar(32)')
    .addColumn('language', 'varchar(16)')
    .addColumn('may_contact', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'varchar(255)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex('guardians_student').on('guardians').columns(['student_id', 'position']).execute();

  // The school's own wording per language; a language without a row uses the built-in default.
  await db.schema
    .createTable('notice_templates')
    .addColumn('language', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();

  await db.schema
    .createTable('notice_outbox')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    // No foreign key on the mark: its removal cancels the notice at send time instead of erasing the record of one sent.
    .addColumn('mark_id', 'varchar(36)', (c) => c.notNull())
    // Nor on the guardian: a guardian removed keeps the record of what was sent to them while the student stays.
    .addColumn('guardian_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull().references('students.student_id').onDelete('cascade'))
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('recipient', 'varchar(320)', (c) => c.notNull())
    .addColumn('language', 'varchar(16)', (c) => c.notNull())
    .addColumn('day', 'char(10)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('send_after', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('claim_token', 'varchar(36)')
    .addColumn('claimed_until', 'bigint')
    .addColumn('subject', 'varchar(1000)')
    .addColumn('body', 'text')
    .addColumn('result', 'varchar(1000)')
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex('notice_outbox_once').on('notice_outbox').columns(['mark_id', 'guardian_id', 'channel']).unique().execute();
  await db.schema.createIndex('notice_outbox_due').on('notice_outbox').columns(['state', 'send_after']).execute();
  await db.schema.createIndex('notice_outbox_student').on('notice_outbox').columns(['student_id', 'day']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice_outbox').execute();
  await db.schema.dropTable('notice_templates').execute();
  await db.schema.dropTable('guardians').execute();
}
