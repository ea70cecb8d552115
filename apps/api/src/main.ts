// Starts the API: parse configuration (fail fast), open the database, migrate, listen.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { privacyService } from './features/privacy/privacy.service.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Rollcall cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const webDist = config.webDist ?? path.resolve(here, '../../web/dist');
  const database = openDatabase(config.database);
  const applied = await migrateToLatest(database.db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const { app, hub } = createApp({ config: { ...config, webDist }, database });
  {
    // Retention runs at start-up and every six hours; purging is idempotent, so several instances may all do it.
    // It always runs: an admin may set retention on the Privacy page (MARK_RETENTION_DAYS is the default).
    const privacy = privacyService({ db: database.db, dialect: database.dialect, now: Date.now, cooldownMs: 0 }, config.retentionDays);
    const purge = () => privacy.purge().then((r) => r.marksDeleted && console.log(`Retention: purged ${r.marksDeleted} marks before ${r.before}`), (e) => console.error('Retention purge failed', e));
    await purge();
    setInterval(purge, 6 * 3_600_000).unref();
  }
  const server = app.listen(config.port, config.host, () => {
    const where = config.database.dialect === 'sqlite' ? `SQLite ${config.database.file}` : 'MySQL';
    console.log(`Rollcall listening on http://localhost:${config.port} (${where})`);
  });
  const shutdown = () => {
    hub.stop();
    server.close(() => void database.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error('Rollcall failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
