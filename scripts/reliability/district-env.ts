// The shape a district runs, started locally: N instances of the compiled API on one private
// MariaDB, Caddy (deploy/Caddyfile) load-balancing them, simulated devices posting through Caddy,
// and dashboards holding the live event stream open on each instance directly and through Caddy.
import { createConnection } from 'mysql2/promise';
import { apiProcess, type ApiProcess } from './api-process.ts';
import { builtApi } from './build.ts';
import { caddyProcess, type CaddyProcess } from './caddy-process.ts';
import { checkStream, dashboard, type Dashboard, type StreamCheck } from './dashboard.ts';
import { percentile, setUp, type Attempt, type Setup } from './fleet.ts';
import { privateMysql, type PrivateMysql } from './private-mysql.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The largest value (0 for none), without spreading a long list into arguments. */
const max = (values: Iterable<number>) => {
  let m = 0;
  for (const v of values) m = Math.max(m, v);
  return m;
};

export interface District {
  /** The private MariaDB, or null on a server the caller gave. */
  mysql: PrivateMysql | null;
  url: string;
  apis: ApiProcess[];
  caddy: CaddyProcess;
  setup: Setup;
  dashboards: Dashboard[];
  /** The last event id before the devices started: every dashboard must receive all after it. */
  fromId: number;
  close(): Promise<void>;
}

export interface DistrictOptions {
  instances: number;
  devices: number;
  /** Students in each device's class (20). */
  perClass?: number;
  /** First port: Caddy listens on it, instance i on port + i. */
  port?: number;
  mysqlPort?: number;
  /** A MySQL server to make a fresh database on (mysql://root@host:port), instead of a private MariaDB. */
  server?: string;
  log?: (line: string) => void;
}

export async function startDistrict(o: DistrictOptions): Promise<District> {
  const log = o.log ?? (() => undefined);
  const port = o.port ?? 8100;
  const built = builtApi();
  const mysql = o.server ? null : await privateMysql(o.mysqlPort ?? 3317);
  const server = o.server ?? mysql!.url;
  const name = o.server ? `rollcall_district_${process.pid}_${Date.now()}` : 'rollcall';
  const apis: ApiProcess[] = [];
  let caddy: CaddyProcess | null = null;
  const dashboards: Dashboard[] = [];
  const close = async () => {
    for (const d of dashboards) d.stop();
    // The instances first: Caddy's graceful stop waits for the event streams it is still carrying.
    await Promise.all(apis.map((a) => a.kill()));
    await caddy?.stop();
    if (mysql) await mysql.destroy();
    else {
      const conn = await createConnection({ uri: server });
      await conn.query(`DROP DATABASE IF EXISTS ${name}`);
      await conn.end();
    }
  };
  try {
    const conn = await createConnection({ uri: server });
    await conn.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await conn.end();
    const url = `${server}/${name}`;
    // As in docker-compose.yml: Caddy is the way in (TRUST_PROXY); the post limit is raised because
    // a simulated device sends far more often than a classroom's.
    const env = { DATABASE_URL: url, DATABASE_POOL_SIZE: '20', MARK_POSTS_PER_MINUTE: '1000000', TRUST_PROXY: 'true' };
    for (let i = 1; i <= o.instances; i++) apis.push(apiProcess(env, port + i, { built }));
    // The first start migrates the empty database; the others find it migrated.
    const t0 = Date.now();
    await apis[0]!.start();
    log(`instance 1 migrated the database and answers /health after ${Date.now() - t0} ms`);
    await Promise.all(apis.slice(1).map((a) => a.start()));
    log(`${o.instances} API instances on ports ${port + 1}-${port + o.instances}`);
    caddy = await caddyProcess(
      port,
      apis.map((a) => a.base.replace('http://', '')),
    );
    log(`Caddy on ${caddy.base}`);
    const setup = await setUp(caddy.base, o.devices, o.perClass ?? 20);
    apis.forEach((a, i) => dashboards.push(dashboard(`instance ${i + 1}`, a.base, setup.adminToken)));
    for (let i = 1; i <= 2; i++) dashboards.push(dashboard(`through Caddy ${i}`, caddy.base, setup.adminToken));
    await Promise.all(dashboards.map((d) => d.ready));
    const fromId = await lastEventId(url);
    return { mysql, url, apis, caddy, setup, dashboards, fromId, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function eventTimes(url: string, fromId: number): Promise<Map<number, number>> {
  const conn = await createConnection({ uri: url });
  try {
    const [rows] = await conn.query('SELECT id, at FROM events WHERE id > ? ORDER BY id', [fromId]);
    return new Map((rows as { id: number; at: number }[]).map((r) => [Number(r.id), Number(r.at)]));
  } finally {
    await conn.end();
  }
}

async function lastEventId(url: string): Promise<number> {
  const conn = await createConnection({ uri: url });
  try {
    const [rows] = await conn.query('SELECT COALESCE(MAX(id), 0) AS id FROM events');
    return Number((rows as { id: number }[])[0]!.id);
  } finally {
    await conn.end();
  }
}

export interface StreamsVerdict {
  streams: StreamCheck[];
  eventDelayP50Ms: number;
  eventDelayP95Ms: number;
  eventDelayMaxMs: number;
  /** Ids between the first and last event that never committed (rolled-back inserts): each holds the streams up to ORDER_GRACE_MS. */
  idGaps: number;
  /** Whether every dashboard got every event once and in order. */
  complete: boolean;
}

/** Once the devices are drained: waits for every dashboard to catch up, then checks each. */
export async function verifyStreams(d: District, timeoutMs = 30_000): Promise<StreamsVerdict> {
  const events = await eventTimes(d.url, d.fromId);
  const last = Math.max(d.fromId, max(events.keys()));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !d.dashboards.every((x) => x.received.some((r) => r.id === last))) await sleep(250);
  const delays: number[] = [];
  const streams = d.dashboards.map((x) => checkStream(x, events, d.fromId, delays));
  return {
    streams,
    eventDelayP50Ms: Math.round(percentile(delays, 50)),
    eventDelayP95Ms: Math.round(percentile(delays, 95)),
    eventDelayMaxMs: Math.round(max(delays)),
    idGaps: last - d.fromId - events.size,
    complete: streams.every((s) => s.missing === 0 && s.duplicated === 0 && s.outOfOrder === 0),
  };
}

/**
 * What a fault costs a device: for each device with a request that failed at or after `from`
 * (refused, cut off, a 5xx), the time from `from` (or the failed request's start, if later)
 * until its first request the API took after that.
 */
export function failover(attempts: Attempt[][], from: number, until = Infinity) {
  const waits: number[] = [];
  for (const list of attempts) {
    const failed = list.find((a) => !a.ok && a.end >= from && a.start < until);
    if (!failed) continue;
    const next = list.find((a) => a.ok && a.start >= failed.end);
    if (next) waits.push(next.end - Math.max(from, failed.start));
  }
  return {
    devicesHit: waits.length,
    failoverP50Ms: Math.round(percentile(waits, 50)),
    failoverMaxMs: Math.round(max(waits)),
  };
}
