// Runs the ordered, frozen migrations; used at start-up and by `pnpm migrate`. Instances that start
// together take turns (migration-lock.ts): each migration runs once, the others find nothing to do.
import { Migrator, type Kysely, type Migration } from 'kysely';
import { MigrationError, withMigrationLock, type LockOptions } from './migration-lock.ts';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_accounts.ts';
import * as m0003 from './migrations/0003_security.ts';
import * as m0004 from './migrations/0004_consent.ts';
import * as m0005 from './migrations/0005_register.ts';
import * as m0006 from './migrations/0006_learned_embeddings.ts';
import * as m0007 from './migrations/0007_device_pairing.ts';
import * as m0008 from './migrations/0008_timetable.ts';
import * as m0009 from './migrations/0009_device_teacher.ts';
import * as m0010 from './migrations/0010_guardian_notices.ts';
import * as m0011 from './migrations/0011_attendance_codes.ts';
import * as m0012 from './migrations/0012_language.ts';
import * as m0013 from './migrations/0013_district_indexes.ts';
import * as m0014 from './migrations/0014_roster_joins.ts';
import * as m0015 from './migrations/0015_scope_revisions.ts';
import * as m0016 from './migrations/0016_class_day_summaries.ts';
import * as m0017 from './migrations/0017_device_scope_revisions.ts';
import * as m0018 from './migrations/0018_cover_days.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_accounts': m0002,
  '0003_security': m0003,
  '0004_consent': m0004,
  '0005_register': m0005,
  '0006_learned_embeddings': m0006,
  '0007_device_pairing': m0007,
  '0008_timetable': m0008,
  '0009_device_teacher': m0009,
  '0010_guardian_notices': m0010,
  '0011_attendance_codes': m0011,
  '0012_language': m0012,
  '0013_district_indexes': m0013,
  '0014_roster_joins': m0014,
  '0015_scope_revisions': m0015,
  '0016_class_day_summaries': m0016,
  '0017_device_scope_revisions': m0017,
  '0018_cover_days': m0018,
};

/** Kysely's default name for its record of applied migrations. */
export const MIGRATION_TABLE = 'kysely_migration';

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1)!;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

/**
 * Applies every pending migration under the migration lock and returns their names. A database
 * migrated by a newer build (a migration this build does not know) is refused before anything
 * runs: old code on a newer schema could write rows the newer rules reject.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, opts: LockOptions = {}): Promise<string[]> {
  return withMigrationLock(db, opts, async (conn) => {
    const unknown = await appliedUnknown(conn);
    if (unknown.length)
      throw new MigrationError(
        'database-newer-than-build',
        `The database has migrations this build does not know (${unknown.join(', ')}; this build ends at ${LATEST_MIGRATION}): ` +
          'it was migrated by a newer Rollcall. Run that version (or newer), or restore a backup taken before the upgrade.',
      );
    const { error, results } = await migrator(conn).migrateToLatest();
    if (error) throw new MigrationError('migration-failed', `Migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  });
}

/** Names recorded as applied that this build has no migration for (none on a new database). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function appliedUnknown(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows: { name: string }[] = await db.selectFrom(MIGRATION_TABLE).select('name').execute();
  return rows
    .map((r) => r.name)
    .filter((name) => !(name in MIGRATIONS))
    .sort();
}

/** The newest applied migration and how many are still pending. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrationLevel(db: Kysely<any>): Promise<{ current: string | null; pending: number }> {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined);
  return { current: applied.at(-1)?.name ?? null, pending: all.length - applied.length };
}
