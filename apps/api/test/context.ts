// Test context: a fresh, migrated database (SQLite file or a new MySQL database) and the real HTTP
// app listening on a free port. Every API test runs once per dialect through `dialects`.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createClient, routes, type Client, type Routes } from '@rollcall/contracts';
import { createApp, type AppOptions } from '../src/app.ts';
import { parseDatabaseUrl } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';

export type Dialect = 'sqlite' | 'mysql';

export const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

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

export interface CallInit {
  raw?: string;
  headers?: Record<string, string>;
  /** Bearer token to call with; null calls anonymously. Default: the admin's token. */
  token?: string | null;
}

export interface TestApi {
  dialect: Dialect;
  base: string;
  database: Database;
  /** A personal token of the first admin, created at start. */
  adminToken: string;
  /** A teacher account (with a personal token) teaching the given classes. */
  teacher: (classIds: string[]) => Promise<{ id: string; token: string; email: string; password: string }>;
  /** A classroom device registered for the given classes. */
  device: (classIds: string[]) => Promise<{ id: string; token: string }>;
  /** The typed client (the one every caller uses) as the admin; failures throw ClientError. */
  client: Client<Routes>;
  /** The typed client with another bearer token; null calls anonymously. */
  clientAs: (token: string | null) => Client<Routes>;
  /** Raw JSON request, for malformed input and status checks; as the admin unless `init.token` says otherwise; `raw` sends a string body as is. */
  // Tests read answers loosely on purpose: the router already checks every answer against its contract.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call: (method: string, path: string, body?: unknown, init?: CallInit) => Promise<{ status: number; body: any; headers: Headers }>;
  /** A second app instance on the same database (another API server behind a load balancer). */
  secondInstance: () => Promise<{ base: string; close: () => Promise<void> }>;
  close: () => Promise<void>;
}

async function listen(options: AppOptions) {
  const { app, hub, notices } = createApp(options);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    hub.stop();
    await notices.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { base, close };
}

export const ADMIN = { email: 'admin@school.example', name: 'Head Admin', password: 'correct horse battery staple' };

export async function startApi(
  dialect: Dialect,
  overrides: Partial<AppOptions['config']> & { eventPollMs?: number; throttle?: AppOptions['throttle'] } & Pick<AppOptions, 'now' | 'notices'> = {},
): Promise<TestApi> {
  const { database, drop, url } = await freshDatabase(dialect);
  const { eventPollMs, throttle, now, notices, ...config } = overrides;
  const options: AppOptions = {
    config: {
      cooldownSeconds: 60,
      bodyLimit: '1mb',
      webDist: null,
      logRequests: false,
      corsOrigins: [],
      retentionDays: null,
      markPostsPerMinute: 100_000,
      trustProxy: false,
      ...config,
    },
    ...(throttle && { throttle }),
    ...(now && { now }),
    ...(notices && { notices }),
    database,
    eventPollMs: eventPollMs ?? 100,
    validateResponses: true,
    log: () => {},
  };
  const first = await listen(options);
  const others: { close: () => Promise<void> }[] = [];
  let adminToken = '';
  const call: TestApi['call'] = async (method, p, body, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? adminToken : init.token;
    if (token) headers.authorization ??= `Bearer ${token}`;
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
  };
  const setup = await call('POST', '/api/auth/setup', ADMIN, { token: null });
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  const created = await call('POST', '/api/tokens', { name: 'tests' }, { token: null, headers: { cookie } });
  adminToken = created.body.token;
  let n = 0;
  const clientAs = (token: string | null) => createClient(routes, { baseUrl: first.base, ...(token && { token }) });
  const client = clientAs(adminToken);
  return {
    dialect,
    base: first.base,
    database,
    adminToken,
    call,
    client,
    clientAs,
    async teacher(classIds) {
      const email = `teacher${++n}@school.example`;
      const password = 'teacher password 123';
      const user = await client.createUser({ body: { email, name: `Teacher ${n}`, role: 'teacher', password, classIds } });
      const signIn = await call('POST', '/api/auth/sign-in', { email, password }, { token: null });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const token = (await call('POST', '/api/tokens', { name: 'cli' }, { token: null, headers: { cookie } })).body.token;
      return { id: user.id, token, email, password };
    },
    async device(classIds) {
      const created = await client.createDevice({ body: { name: `Room ${++n}`, classIds } });
      return { id: created.device.id, token: created.token };
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

export const hash = (n: number | string) =>
  String(n)
    .padStart(64, '0')
    .slice(-64)
    .replace(/[^0-9a-f]/g, 'a');

/** Records granted consent (for a parent) for these students: what a school does before enrolling faces. */
export async function grantConsent(api: TestApi, ...studentIds: string[]): Promise<void> {
  const res = await api.call('POST', '/api/consent', { entries: studentIds.map((studentId) => ({ studentId, status: 'granted', onBehalfOf: 'parent' })) });
  if (res.status !== 200 || res.body.results.some((r: { outcome: string }) => r.outcome === 'not-found'))
    throw new Error(`grantConsent failed: ${JSON.stringify(res.body)}`);
}
