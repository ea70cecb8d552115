// Where `pnpm bench api` runs the API it measures: by default the compiled build in a child process
// (as a district runs it, its own process behind Caddy, the laptops elsewhere), so the bench's own
// HTTP clients and raw baseline do not take the API's CPU; with --in-process, in the bench's process
// (serve-api.ts), where the clients' fetch shares the API's event loop.
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import { openDatabase } from '../../../apps/api/src/db/database.ts';
import { migrateToLatest } from '../../../apps/api/src/db/migrator.ts';
import { apiProcess, type ApiProcess } from '../../reliability/api-process.ts';
import { builtApi } from '../../reliability/build.ts';
import { serveBenchApi } from '../shared/serve-api.ts';

export interface ServedApi {
  base: string;
  /** The API's own process, where it has one (not --in-process): its CPU is counted apart. */
  pid?: number;
  close(): Promise<void>;
}

/** The API in this process on a fresh database: migrated here, pool of 25, as serve-api.ts configures it. */
export async function serveInProcess(url: string, bodyLimit: string): Promise<ServedApi> {
  const database = openDatabase({ dialect: 'mysql', url, poolSize: 25 });
  try {
    await migrateToLatest(database.db);
    const server = await serveBenchApi(database, bodyLimit);
    return {
      base: server.base,
      close: async () => {
        await server.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** The children still running, killed however this process ends. */
const running = new Set<ApiProcess>();
let guarded = false;

function killChildrenOnExit() {
  if (guarded) return;
  guarded = true;
  // At exit only synchronous work runs: kill() sends its signal before it waits for the child.
  process.on('exit', () => {
    for (const api of running) void api.kill();
  });
  // Ctrl-C or a kill of the bench alone would otherwise leave an API serving an orphaned port.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      void Promise.all([...running].map((api) => api.kill())).finally(() => process.exit(128 + os.constants.signals[signal]));
    });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/**
 * The compiled API (apps/api/dist/main.js, built first if stale, as the reliability runs start it)
 * in a child process on a fresh database, which it migrates at start-up like any instance. Set up
 * as serve-api.ts sets up the in-process one: production mode, no request log, the mark-posting
 * limit out of reach, pool of 25; no background summary warm or notices, whose work is not the
 * request path's.
 */
export async function serveChild(url: string, bodyLimit: string, profileDir?: string): Promise<ServedApi> {
  killChildrenOnExit();
  const env = {
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '25',
    BODY_LIMIT: bodyLimit,
    COOLDOWN_SECONDS: '60',
    MARK_POSTS_PER_MINUTE: '1000000',
    MARK_RETENTION_DAYS: '',
    CORS_ORIGINS: '',
    TRUST_PROXY: 'false',
    STATS_SUMMARY_WARM: 'off',
    SHUTDOWN_DRAIN_SECONDS: '0',
    SMTP_HOST: '',
    NOTICE_SMS_WEBHOOK_URL: '',
    TLS_CERT: '',
    TLS_KEY: '',
  };
  // --profile DIR: a V8 CPU profile of the API, which Node writes when the process exits (SIGTERM, not SIGKILL).
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const api = apiProcess(env, await freePort(), { built: builtApi(), nodeArgs });
  running.add(api);
  const close = async () => {
    await api.kill(profileDir ? 'SIGTERM' : 'SIGKILL');
    running.delete(api);
  };
  try {
    await api.start();
  } catch (err) {
    await close();
    throw err;
  }
  return { base: api.base, pid: api.pid, close };
}
