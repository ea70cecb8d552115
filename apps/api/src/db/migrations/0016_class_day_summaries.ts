// Frozen: a cache of the statistics of each class's settled school days (every session of the day
// ended a while ago), so a district's term is read from one row per class and day instead of being
// counted again from every register place. A class's epoch goes up with every write that can change
// its figures; a summary row is trusted only while its epoch is the class's current one.
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  const opts = tableOptions(db);
  await db.schema
    .createTable('class_summary_epochs')
    .addColumn('class_id', 'varchar(36)', (c) => c.primaryKey().references('classes.id').onDelete('cascade'))
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .modifyEnd(opts)
    .execute();
  await db.schema
    .createTable('class_day_summaries')
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('day', 'char(10)', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('excused', 'integer', (c) => c.notNull())
    .addColumn('absent', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('class_day_summaries_pk', ['class_id', 'day'])
    .modifyEnd(opts)
    .execute();
  // The whole district's one day or week: its rows by day, not a scan of the term.
  await db.schema.createIndex('class_day_summaries_day').on('class_day_summaries').columns(['day', 'class_id']).execute();
  // Statuses other than present, per roster student, over the class-day's sessions. The epoch is in
  // the key: fills made at different epochs never overwrite each other's rows, and a reader takes
  // only the rows of its summary's epoch.
  await db.schema
    .createTable('class_day_student_statuses')
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('day', 'char(10)', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('student_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('class_day_student_statuses_pk', ['class_id', 'day', 'epoch', 'student_id', 'status'])
    .modifyEnd(opts)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('class_day_student_statuses').execute();
  await db.schema.dropTable('class_day_summaries').execute();
  await db.schema.dropTable('class_summary_epochs').execute();
}
