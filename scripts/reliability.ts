// `pnpm reliability [load|outage|crash] [--devices N] [--seconds S] [--json]`: the long proofs
// behind docs/reliability.md. Each runs against a private MariaDB and the API as a child process,
// with simulated devices that use the web app's own outbox and sender (@rollcall/sync).
// `pnpm reliability --instances N [load|kill|rolling|outage] [--devices N] [--seconds S] [--interval MS]`:
// the same proofs across N compiled API instances behind Caddy on one MariaDB (reliability/district.ts).
import { createConnection } from 'mysql2/promise';
import { apiProcess, type ApiProcess } from './reliability/api-process.ts';
import { districtScenarios } from './reliability/district.ts';
import { batchWatcher, drain, newStats, setUp, startDevice, summary } from './reliability/fleet.ts';
import { privateMysql, type PrivateMysql } from './reliability/private-mysql.ts';
import { partialBatches, verify } from './reliability/verify.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function environment(): Promise<{ mysql: PrivateMysql; api: ApiProcess; url: string }> {
  const mysql = await privateMysql(3317);
  const conn = await createConnection({ uri: mysql.url });
  await conn.query('CREATE DATABASE rollcall CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  await conn.end();
  const url = `${mysql.url}/rollcall`;
  const api = apiProcess({ DATABASE_URL: url, DATABASE_POOL_SIZE: '30', MARK_POSTS_PER_MINUTE: '1000000' }, 8093);
  await api.start();
  return { mysql, api, url };
}

async function scenario(name: string, run: (env: Awaited<ReturnType<typeof environment>>) => Promise<Record<string, unknown>>) {
  const env = await environment();
  try {
    const result = await run(env);
    const ok =
      result.lost === 0 && result.duplicates === 0 && result.unexpected === 0 && result.pendingAfter === 0 && result.failedAfter === 0 && !result.problems;
    return { scenario: name, ok, ...result };
  } finally {
    await env.api.kill();
    await env.mysql.destroy();
  }
}

async function load() {
  const devices = opt('devices', 50);
  const seconds = opt('seconds', 60);
  return scenario('load', async ({ api, url }) => {
    const setup = await setUp(api.base, devices, 20);
    const stats = newStats();
    const fleet = setup.devices.map((d) => startDevice(api.base, d, stats, { intervalMs: 50 }));
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const after = await drain(fleet, 60_000);
    const elapsed = (performance.now() - t0) / 1000;
    const verdict = await verify(
      url,
      fleet.flatMap((d) => d.generated),
    );
    const errors = [...stats.statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0) + stats.networkErrors;
    return {
      devices,
      seconds,
      ...verdict,
      pendingAfter: after.pending,
      failedAfter: after.failed,
      errors,
      ...summary(stats, elapsed, verdict.stored),
      problems: errors ? 'errors seen' : undefined,
    };
  });
}

async function outage() {
  const devices = opt('devices', 20);
  return scenario('outage', async ({ api, url, mysql }) => {
    const setup = await setUp(api.base, devices, 20);
    const stats = newStats();
    const fleet = setup.devices.map((d) => startDevice(api.base, d, stats, { intervalMs: 50 }));
    await sleep(10_000);
    const before = new Map(stats.statuses);
    await mysql.stop('SIGKILL');
    const downAt = performance.now();
    // While the database is down the API must answer quickly with 503, not hang and not 500.
    const probes: { status: number; ms: number; code?: string }[] = [];
    while (performance.now() - downAt < 15_000) {
      const s = performance.now();
      const res = await fetch(`${api.base}/api/attendance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.devices[0]!.token}` },
        body: JSON.stringify({
          marks: [{ id: crypto.randomUUID(), studentId: setup.devices[0]!.students[0], deviceId: 'probe', markedAt: '2030-01-01T00:00:00Z', method: 'face' }],
        }),
      });
      const body = (await res.json()) as { error?: { code: string } };
      probes.push({ status: res.status, ms: performance.now() - s, ...(body.error && { code: body.error.code }) });
      await sleep(1000);
    }
    await mysql.start();
    await sleep(15_000);
    const after = await drain(fleet, 90_000);
    // Probe marks the API never stored are not part of the fleet's marks; those it stored count as unexpected, so drop them.
    const conn = await createConnection({ uri: url });
    await conn.query("DELETE FROM attendance_marks WHERE device_id = 'probe'");
    await conn.end();
    const verdict = await verify(
      url,
      fleet.flatMap((d) => d.generated),
    );
    const during = [...stats.statuses].map(([s, c]) => [s, c - (before.get(s) ?? 0)] as const).filter(([, c]) => c > 0);
    const probeStatuses = [...new Set(probes.map((p) => `${p.status} ${p.code ?? ''}`.trim()))];
    const slowestProbeMs = Math.round(Math.max(...probes.map((p) => p.ms)));
    const fiveHundreds = [...stats.statuses].filter(([s]) => s === 500).length;
    return {
      devices,
      ...verdict,
      pendingAfter: after.pending,
      failedAfter: after.failed,
      statusesAfterStop: Object.fromEntries(during),
      probeStatuses,
      slowestProbeMs,
      ...summary(stats, 1, 0),
      problems: fiveHundreds || probes.some((p) => p.status !== 503) ? 'a probe was not answered 503, or a 500 was seen' : undefined,
    };
  });
}

async function crash() {
  const devices = opt('devices', 20);
  return scenario('crash', async ({ api, url }) => {
    const setup = await setUp(api.base, devices, 20);
    const stats = newStats();
    // Record each batch as it is sent, to look for half-written ones after the kill.
    const watcher = batchWatcher();
    const fleet = setup.devices.map((d) => startDevice(api.base, d, stats, { intervalMs: 20, timeoutMs: 5_000, fetch: watcher.fetch }));
    await sleep(8_000);
    const cut = watcher.inFlight();
    await api.kill('SIGKILL');
    const partial = await partialBatches(url, cut);
    await sleep(2_000);
    await api.start();
    await sleep(5_000);
    const after = await drain(fleet, 60_000);
    const verdict = await verify(
      url,
      fleet.flatMap((d) => d.generated),
    );
    return {
      devices,
      batchesInFlightAtKill: cut.length,
      halfWrittenBatches: partial,
      ...verdict,
      pendingAfter: after.pending,
      failedAfter: after.failed,
      ...summary(stats, 1, 0),
      problems: partial ? 'half-written batch' : undefined,
    };
  });
}

const instances = opt('instances', 1);
const district = {
  instances,
  devices: opt('devices', 200),
  seconds: opt('seconds', 60),
  intervalMs: opt('interval', 250),
  log: (line: string) => console.error(line),
};
const scenarios: Record<string, () => Promise<Record<string, unknown>>> =
  instances > 1 ? Object.fromEntries(Object.entries(districtScenarios).map(([name, run]) => [name, () => run(district)])) : { load, outage, crash };
// The scenario is the one word that is neither an option nor an option's value.
const named = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.match(/^--(?!json)/));
const chosen = named.length ? named : Object.keys(scenarios);
let failed = false;
for (const name of chosen) {
  const run = scenarios[name];
  if (!run) {
    console.error(`Unknown scenario ${name}: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  const result = await run();
  failed ||= !result.ok;
  console.log(args.includes('--json') ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}
process.exit(failed ? 1 : 0);
