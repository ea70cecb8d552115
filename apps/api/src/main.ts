// Starts the API: parse configuration (fail fast), open the database, migrate, listen (http, or
// https with TLS_CERT/TLS_KEY plus an optional http port that redirects); purge old marks and fill
// the statistics summary in the background; on SIGTERM/SIGINT, drain and shut down gracefully
// (http/shutdown.ts).
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { certificateNames, redirectToHttps } from './http/redirect.ts';
import { drainState, gracefulShutdown } from './http/shutdown.ts';
import { createServices } from './services.ts';
import { startSummaryWarmer, type Warmer } from './stats-summary-warmer.ts';

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
  // Instances started together take turns; one started by an older build against a newer database stops here.
  const applied = await migrateToLatest(database.db, { onWait: (m) => console.log(m) });
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const { app, hub, notices } = createApp({ config: { ...config, webDist }, database, notices: config.notices });
  {
    const { smtp, webhook } = config.notices;
    const ways = [...(smtp ? [`email through ${smtp.host}:${smtp.port}`] : []), ...(webhook ? [`SMS through ${new URL(webhook.url).host}`] : [])];
    console.log(
      ways.length ? `Absence notices to guardians: ${ways.join(' and ')}` : 'Absence notices to guardians: none (SMTP_HOST and NOTICE_SMS_WEBHOOK_URL unset)',
    );
  }
  let purgeTimer: NodeJS.Timeout | undefined;
  let warmer: Warmer | undefined;
  {
    // Retention runs at start-up and every six hours; purging is idempotent, so several instances may all do it.
    // It always runs: an admin may set retention on the Privacy page (MARK_RETENTION_DAYS is the default).
    const { privacy, stats } = createServices(
      { db: database.db, dialect: database.dialect, now: Date.now, cooldownMs: 0 },
      { retentionDays: config.retentionDays },
    );
    const purge = () =>
      privacy.purge().then(
        (r) => r.marksDeleted && console.log(`Retention: purged ${r.marksDeleted} marks before ${r.before}`),
        (e) => console.error('Retention purge failed', e),
      );
    await purge();
    purgeTimer = setInterval(purge, 6 * 3_600_000).unref();
    // The statistics summary filled in the background: no admin's first call pays for a district's term.
    if (config.summaryWarmMinutes !== null)
      warmer = startSummaryWarmer({ warm: (opts) => stats.warmSummary(opts), everyMs: config.summaryWarmMinutes * 60_000 });
  }
  const drain = drainState();
  const server = listen(drain.handler(app), config);
  const redirect = config.tls && config.httpRedirectPort !== null ? listenRedirect(config, config.tls, config.httpRedirectPort) : null;
  const shutdown = gracefulShutdown({
    drain,
    drainMs: config.shutdownDrainSeconds * 1000,
    servers: redirect ? [server, redirect] : [server],
    endStreams: () => hub.endStreams(),
    async stopWork() {
      hub.stop();
      clearInterval(purgeTimer);
      // Stopped between batches: the batch being stored finishes before the database closes.
      await warmer?.stop();
      // A notice being sent finishes and is recorded; one claimed but not sent waits out its lease elsewhere.
      await notices.stop();
    },
    closeDatabase: () => database.close(),
    log: (line) => console.log(line),
    exit: (code) => process.exit(code),
  });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Plain http, or https with the configured certificate; the log line names the address to open. */
function listen(app: http.RequestListener, config: Config) {
  const server = config.tls
    ? https.createServer({ cert: fs.readFileSync(config.tls.cert), key: fs.readFileSync(config.tls.key) }, app)
    : http.createServer(app);
  server.listen(config.port, config.host, () => {
    const where = config.database.dialect === 'sqlite' ? `SQLite ${config.database.file}` : 'MySQL';
    const port = (server.address() as AddressInfo).port;
    console.log(`Rollcall listening on ${config.tls ? 'https' : 'http'}://localhost:${port} (${where})`);
  });
  return server;
}

/** Answers every plain-http request with a redirect to the same path over https, on PUBLIC_URL or a name the certificate covers. */
function listenRedirect(config: Config, tls: NonNullable<Config['tls']>, port: number) {
  const names = certificateNames(fs.readFileSync(tls.cert));
  const server = http.createServer(redirectToHttps({ publicUrl: config.publicUrl, httpsPort: config.port, names }));
  server.listen(port, config.host, () => console.log(`Redirecting http on port ${(server.address() as AddressInfo).port} to https`));
  return server;
}

main().catch((err) => {
  console.error('Rollcall failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
