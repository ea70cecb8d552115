// Test context: a fresh, migrated database (SQLite file or a new MySQL database) and the real HTTP
// app listening on a free port. Every API test runs once per dialect through `dialects`.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createApp, type AppOptions } from '../src/app.ts';
import { parseDatabaseUrl } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';

export type Dialect = 'sqlite' | 'mysql';

const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

async function mysqlReachable(): Promise<boolean> {
  try {
    const conn = await createConnection({ uri: MYSQL_ROOT, connectTimeout: 3000 });
    await conn.end();
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (process.env.CI) throw new Error(`MySQL at ${MYSQL_ROOT} is unreachable under CI (${why}); .ci/run should have started MariaDB.`, { cause: err });
    console.warn(`\n!!! MySQL at ${MYSQL_ROOT} is unreachable (${why}): SKIPPING every MySQL test. Start MariaDB to run them. !!!\n`);
    return false;
  }
}

/** The dialects to run against: both, or SQLite alone (loudly) when MySQL is down outside CI. */
export const dialects: Dialect[] = (await mysqlReachable()) ? ['sqlite', 'mysql'] : ['sqlite'];

/** A fresh, empty, migrated database. */
export async function freshDatabase(dialect: Dialect): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-test-'));
    const file = path.join(dir, 'test.sqlite');
    const database = openDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(database.db);
    return { database, url: `sqlite:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rollcall_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await createConnection({ uri: MYSQL_ROOT });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const url = `${MYSQL_ROOT}/${name}`;
  const database = openDatabase({ dialect: 'mysql', url, poolSize: 20 });
  await migrateToLatest(database.db);
  return {
    database,
    url,
    drop: async () => {
      const conn = await createConnection({ uri: MYSQL_ROOT });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

export interface TestApi {
  dialect: Dialect;
  base: string;
  database: Database;
  /** JSON request; `raw` sends a string body as is. */
  // Tests read answers loosely on purpose: the router already checks every answer against its contract.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call: (method: string, path: string, body?: unknown, init?: { raw?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: any; headers: Headers }>;
  /** A second app instance on the same database (another API server behind a load balancer). */
  secondInstance: () => Promise<{ base: string; close: () => Promise<void> }>;
  close: () => Promise<void>;
}

async function listen(options: AppOptions) {
  const { app, hub } = createApp(options);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    hub.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { base, close };
}

export async function startApi(dialect: Dialect, overrides: Partial<AppOptions['config']> & { eventPollMs?: number } = {}): Promise<TestApi> {
  const { database, drop, url } = await freshDatabase(dialect);
  const options: AppOptions = {
    config: { cooldownSeconds: 60, bodyLimit: '1mb', webDist: null, logRequests: false, ...overrides },
    database,
    eventPollMs: overrides.eventPollMs ?? 100,
    validateResponses: true,
    log: () => {},
  };
  const first = await listen(options);
  const others: { close: () => Promise<void> }[] = [];
  return {
    dialect,
    base: first.base,
    database,
    async call(method, p, body, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let payload: string | undefined = init.raw;
      if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['content-type'] ??= 'application/json';
      } else if (init.raw !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(first.base + p, { method, headers, ...(payload !== undefined && { body: payload }) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async secondInstance() {
      const second = openDatabase(parseDatabaseUrl(url, 5));
      const inst = await listen({ ...options, database: second });
      const close = async () => {
        await inst.close();
        await second.close();
      };
      others.push({ close });
      return { base: inst.base, close };
    },
    async close() {
      for (const o of others) await o.close();
      await first.close();
      await database.close();
      await drop();
    },
  };
}

export const uuid = () => randomUUID();

/** A unit vector of the given dimension as base64 float32, deterministic per seed. */
export function vectorB64(dim: number, seed = 1, mutate?: (v: Float32Array) => void): string {
  const v = new Float32Array(dim);
  let x = seed * 9301 + 49297;
  for (let i = 0; i < dim; i++) {
    x = (x * 9301 + 49297) % 233280;
    v[i] = x / 233280 - 0.5;
  }
  mutate?.(v);
  const bytes = new Uint8Array(v.buffer);
  return Buffer.from(bytes).toString('base64');
}

export const hash = (n: number | string) => String(n).padStart(64, '0').slice(-64).replace(/[^0-9a-f]/g, 'a');
