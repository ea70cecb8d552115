// Frozen: the first schema. Never edit a migration that has shipped; add a new file instead.
import { sql, type Kysely } from 'kysely';
import { isMysql, tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  const opts = tableOptions(db);
  const ms = 'bigint';

  await db.schema
    .createTable('students')
    .addColumn('student_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .modifyEnd(opts)
    .execute();

  await db.schema
    .createTable('face_embeddings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull().references('students.student_id').onDelete('cascade'))
    .addColumn('model_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('dim', 'integer', (c) => c.notNull())
    .addColumn('vector', 'blob', (c) => c.notNull())
    .addColumn('quality', 'double precision', (c) => c.notNull())
    .addColumn('source_hash', 'char(64)', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('face_embeddings_source_unique', ['student_id', 'model_id', 'source_hash'])
    .modifyEnd(opts)
    .execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .modifyEnd(opts)
    .execute();

  await db.schema
    .createTable('class_students')
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull().references('students.student_id').onDelete('cascade'))
    .addPrimaryKeyConstraint('class_students_pk', ['class_id', 'student_id'])
    .modifyEnd(opts)
    .execute();
  await db.schema.createIndex('class_students_student').on('class_students').column('student_id').execute();

  await db.schema
    .createTable('class_sessions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('starts_at', ms, (c) => c.notNull())
    .addColumn('ends_at', ms)
    .addColumn('late_after_minutes', 'integer', (c) => c.notNull())
    // The school's calendar day of the start, in the offset the start was given with.
    .addColumn('day', 'char(10)', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.schema.createIndex('class_sessions_class_start').on('class_sessions').columns(['class_id', 'starts_at']).execute();

  // No foreign keys here: marks are school records and may outlive a deleted student or session.
  await db.schema
    .createTable('attendance_marks')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('session_id', 'varchar(36)')
    .addColumn('class_id', 'varchar(36)')
    .addColumn('device_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('marked_at', ms, (c) => c.notNull())
    .addColumn('marked_day', 'char(10)', (c) => c.notNull())
    .addColumn('marked_offset', 'integer', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('similarity', 'double precision')
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    // NULL session ids never collide, so this enforces once-per-session only for session marks.
    .addUniqueConstraint('attendance_once_per_session', ['student_id', 'session_id'])
    .modifyEnd(opts)
    .execute();
  await db.schema.createIndex('attendance_student_time').on('attendance_marks').columns(['student_id', 'marked_at']).execute();
  await db.schema.createIndex('attendance_day').on('attendance_marks').columns(['marked_day', 'class_id']).execute();
  await db.schema.createIndex('attendance_session').on('attendance_marks').column('session_id').execute();

  await db.schema
    .createTable('attendance_audit')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('mark_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('before_json', 'text', (c) => c.notNull())
    .addColumn('after_json', 'text')
    .addColumn('reason', 'varchar(500)')
    .addColumn('at', ms, (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.schema.createIndex('attendance_audit_mark').on('attendance_audit').column('mark_id').execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', ms, (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.insertInto('sync_state').values({ id: 1, revision: 0 }).execute();

  await db.schema
    .createTable('change_log')
    .addColumn('revision', ms, (c) => c.primaryKey())
    .addColumn('entity', 'varchar(16)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('op', 'varchar(8)', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .modifyEnd(opts)
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', isMysql(db) ? 'bigint' : 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('payload', isMysql(db) ? sql`mediumtext` : 'text', (c) => c.notNull())
    .addColumn('at', ms, (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'events',
    'change_log',
    'sync_state',
    'attendance_audit',
    'attendance_marks',
    'class_sessions',
    'class_students',
    'classes',
    'face_embeddings',
    'students',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
