// `pnpm migrate`: apply pending migrations to the configured database and exit.
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';

const database = openDatabase(loadConfig().database);
try {
  const applied = await migrateToLatest(database.db, { onWait: (m) => console.log(m) });
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await database.close();
}
