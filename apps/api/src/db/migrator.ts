// Runs the ordered, frozen migrations; used at start-up and by `pnpm migrate`.
import { Migrator, type Kysely, type Migration } from 'kysely';
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
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1)!;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The newest applied migration and how many are still pending. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrationLevel(db: Kysely<any>): Promise<{ current: string | null; pending: number }> {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined);
  return { current: applied.at(-1)?.name ?? null, pending: all.length - applied.length };
}
