// Frozen: the school's attendance codes and the reasons an office picks from. Each code counts as
// one register status, and one code per status is what a mark of that status gets by default; a
// listed reason names the code an absence explained with it gets. No rows means the plain default
// set the contracts ship, so a school that never chose keeps working unchanged.
import type { Kysely } from 'kysely';
import { tableOptions } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's row types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_codes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(4)', (c) => c.notNull())
    .addColumn('meaning', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by_name', 'varchar(200)', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
  await db.schema.createIndex('attendance_codes_code').on('attendance_codes').columns(['code']).unique().execute();

  await db.schema
    .createTable('absence_reasons')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('label', 'varchar(100)', (c) => c.notNull())
    .addColumn('code', 'varchar(4)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .modifyEnd(tableOptions(db))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('absence_reasons').execute();
  await db.schema.dropTable('attendance_codes').execute();
}
