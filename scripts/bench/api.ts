// API benchmark on MySQL: marks ingested per second through POST /api/attendance (batches of
// 50, 20 concurrent clients) next to a raw mysql2 bulk insert of the same rows, a district's
// morning peak (200 laptops posting at once), and the size and time of a full sync of 1,000
// students x 5 embeddings. Flags: --marks --students --batch --clients --rounds --dashboards, --devices
// --class-size --peak-batch --periods, --sync-students, --no-sync, --in-process, --json, --profile DIR
// (a V8 CPU profile of the child API per part).
// The API runs as a district runs it: the compiled build in its own process (api/served.ts), the
// clients and the raw baseline in this one. A third side sends the API's own statements from a bare
// client (api/statements.ts), to say how much of the gap is the SQL and how much HTTP and Node. In one process the 20 clients' fetch took about 11% of
// the CPU and the process was busy its whole wall time, so the clients' CPU was counted as the
// API's; --in-process keeps that shape to compare the two in one session.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createConnection, createPool } from 'mysql2/promise';
import { encodeVector } from '@rollcall/contracts';
import { setUp } from '../reliability/fleet.ts';
import { serveChild, serveInProcess } from './api/served.ts';
import { MARK_COLUMNS, prepareStatements, storeAsTheApiDoes } from './api/statements.ts';
import { findProcess, processCpuMs } from './shared/process-cpu.ts';

const ROOT = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const opt = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

async function scratchDatabase() {
  const name = `rollcall_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = await createConnection({ uri: ROOT });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const drop = async () => {
    const c = await createConnection({ uri: ROOT });
    await c.query(`DROP DATABASE \`${name}\``);
    await c.end();
  };
  return { url: `${ROOT}/${name}`, drop };
}

/** One side of the ingest's comparison, summed over the rounds (ms): wall time, and the CPU of this process, the API's child and MariaDB. */
interface Side {
  ms: number;
  bench: number;
  api: number;
  db: number;
}
const side = (): Side => ({ ms: 0, bench: 0, api: 0, db: 0 });

/** Whether the API runs in this process (--in-process) instead of a child process of its own. */
let inProcess = false;
/** --profile DIR: where the child API writes a V8 CPU profile of each part. */
let profileDir: string | undefined;

/** The API on the scratch database, which it migrates; the sync part's uploads need the large body limit. */
async function serve(url: string) {
  const server = await (inProcess ? serveInProcess(url, '50mb') : serveChild(url, '50mb', profileDir));
  try {
    token = (await setUp(server.base, 0, 0)).adminToken;
  } catch (err) {
    await server.close();
    throw err;
  }
  return server;
}

/** The admin's bearer token of the server being measured (each run sets up its own). */
let token = '';
const postAs = (bearer: string, base: string, path: string, body: unknown) =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) }).then(
    async (r) => {
      if (!r.ok) throw new Error(`${path} ${r.status} ${await r.text()}`);
      return r.json();
    },
  );
const post = (base: string, path: string, body: unknown) => postAs(token, base, path, body);

/**
 * Dashboards open on the live stream as the admin, counting the marks announced to them: the
 * ingest is measured with the events read, as on a school morning, and each dashboard must be told
 * of every accepted mark.
 */
function openDashboards(base: string, count: number) {
  const told = Array.from({ length: count }, () => new Set<string>());
  const controller = new AbortController();
  const opened = told.map(async (set) => {
    const res = await fetch(`${base}/api/events`, { signal: controller.signal, headers: { authorization: `Bearer ${token}` } });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          for (let cut; (cut = buffer.indexOf('\n\n')) >= 0; buffer = buffer.slice(cut + 2)) {
            const block = buffer.slice(0, cut);
            if (block.includes('event: mark.accepted')) set.add((JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { mark: { id: string } }).mark.id);
          }
        }
      } catch {
        /* closed */
      }
    })();
  });
  return {
    ready: Promise.all(opened),
    /** Waits (at most `ms`) until every dashboard was told of all `ids`; returns the fewest any was told of. */
    async settle(ids: readonly string[], ms: number) {
      const deadline = Date.now() + ms;
      const fewest = () => Math.min(...told.map((set) => ids.filter((id) => set.has(id)).length));
      while (fewest() < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return count ? fewest() : ids.length;
    },
    close: () => controller.abort(),
  };
}

async function pool<T>(items: T[], workers: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Posts `total` marks in batches of `batch` from `clients` concurrent clients, in `rounds` rounds,
 * each followed by the same rows inserted raw. Alternating keeps the comparison fair on a shared
 * machine: a burst of load from elsewhere falls on both sides instead of on one.
 */
async function ingest(total: number, students: number, batch: number, clients: number, rounds: number, dashboards: number) {
  const { url, drop } = await scratchDatabase();
  const server = await serve(url);
  try {
    const ids = Array.from({ length: students }, (_, i) => `B${String(i).padStart(5, '0')}`);
    await pool(ids, 20, async (id) => void (await post(server.base, '/api/students', { studentId: id, name: `Bench ${id}` })));
    // Each student comes round again 61 s later (past the cooldown), so every mark is stored.
    const base = Date.parse('2026-11-24T08:00:00Z');
    const marks = Array.from({ length: total }, (_, i) => ({
      id: randomUUID(),
      studentId: ids[i % students]!,
      deviceId: `bench-${i % 20}`,
      markedAt: new Date(base + Math.floor(i / students) * 61_000 + (i % students)).toISOString(),
      method: 'face' as const,
      similarity: 0.95,
    }));
    // The baseline's table is the marks table's twin (same columns, keys and indexes), so both
    // sides write the same rows into the same shape and neither pays for the other's rows.
    const raw = createPool({ uri: url, connectionLimit: clients });
    await raw.query('CREATE TABLE attendance_marks_raw LIKE attendance_marks');
    await prepareStatements(raw);
    const screens = openDashboards(server.base, dashboards);
    await screens.ready;
    const latencies: number[] = [];
    let accepted = 0;
    const lags: number[] = [];
    // Each side's wall time and CPU, summed over the rounds: this process's (the clients', or the
    // clients' and the API's with --in-process), the API child's, and MariaDB's where it runs on this
    // machine (read from /proc).
    const mariadb = findProcess(['mariadbd', 'mysqld']);
    const sides = { api: side(), raw: side(), statements: side() };
    const measured = async (s: Side, run: () => Promise<void>): Promise<number> => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const api0 = processCpuMs(server.pid) ?? NaN;
      const db0 = processCpuMs(mariadb) ?? NaN;
      await run();
      const end = performance.now();
      const cpu = process.cpuUsage(cpu0);
      s.ms += end - t0;
      s.bench += (cpu.user + cpu.system) / 1000;
      s.api += (processCpuMs(server.pid) ?? NaN) - api0;
      s.db += (processCpuMs(mariadb) ?? NaN) - db0;
      return end;
    };
    const perRound = Math.ceil(total / rounds);
    for (let r = 0; r < rounds; r++) {
      const slice = marks.slice(r * perRound, (r + 1) * perRound);
      const batches: (typeof marks)[] = [];
      for (let i = 0; i < slice.length; i += batch) batches.push(slice.slice(i, i + batch));
      const answered = await measured(sides.api, () =>
        pool(batches, clients, async (b) => {
          const s = performance.now();
          const res = (await post(server.base, '/api/attendance', { marks: b })) as { results: { status: string }[] };
          latencies.push(performance.now() - s);
          accepted += res.results.filter((x) => x.status === 'accepted').length;
        }),
      );
      // How long after the round's last answer every dashboard had been told of all its marks.
      if (dashboards) {
        const ids = slice.map((m) => m.id);
        if ((await screens.settle(ids, 30_000)) === ids.length) lags.push(performance.now() - answered);
      }
      // The baseline: the same rows with mysql2's multi-row INSERT, as many connections and rows a statement.
      const receivedAt = Date.now();
      const rows = batches.map((b) =>
        b.map((m) => [m.id, m.studentId, null, null, m.deviceId, Date.parse(m.markedAt), m.markedAt.slice(0, 10), 0, receivedAt, 0.95, 'face', 'present']),
      );
      await measured(sides.raw, () =>
        pool(rows, clients, async (chunk) => void (await raw.query(`INSERT INTO attendance_marks_raw (${MARK_COLUMNS}) VALUES ?`, [chunk]))),
      );
      // The API's statements for the same rows from a bare client (api/statements.ts), into twin tables.
      const pairs = Array.from({ length: Math.ceil(rows.length / 2) }, (_, i) => rows.slice(2 * i, 2 * i + 2));
      await measured(sides.statements, () => pool(pairs, Math.ceil(clients / 2), (two) => storeAsTheApiDoes(raw, token, two, 60_000)));
    }
    await raw.end();
    const told = await screens.settle(
      marks.map((m) => m.id),
      30_000,
    );
    screens.close();
    if (accepted !== total) throw new Error(`only ${accepted} of ${total} marks accepted`);
    if (told !== total) throw new Error(`a dashboard was told of only ${told} of ${total} accepted marks`);
    return {
      total,
      batch,
      clients,
      rounds,
      dashboards,
      sides,
      dashboardLagMs: lags.length ? { median: percentile(lags, 50), max: Math.max(...lags) } : null,
      apiPerSec: (total / sides.api.ms) * 1000,
      rawPerSec: (total / sides.raw.ms) * 1000,
      stmtPerSec: (total / sides.statements.ms) * 1000,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    };
  } finally {
    await server.close();
    await drop();
  }
}

/** One class of `perClass` new students per laptop, and the laptop's device token for it. */
async function laptops(base: string, devices: number, perClass: number) {
  const rooms = Array.from({ length: devices }, (_, d) => Array.from({ length: perClass }, (_, i) => `P${d}S${i}`));
  await pool(rooms.flat(), 20, async (id) => void (await post(base, '/api/students', { studentId: id, name: `Pupil ${id}` })));
  const made: { token: string; classId: string; students: string[] }[] = [];
  // One laptop at a time: registering devices side by side can deadlock on clearing expired pairing codes.
  for (const [d, students] of rooms.entries()) {
    const cls = (await post(base, '/api/classes', { name: `Room ${d}`, studentIds: students })) as { id: string };
    const dev = (await post(base, '/api/devices', { name: `Laptop ${d}`, classIds: [cls.id] })) as { token: string };
    made.push({ token: dev.token, classId: cls.id, students });
  }
  return { devices: made };
}

/**
 * A district's morning peak: `devices` paired laptops, each with its own class of `perClass`
 * students and its own device token, start their first lesson together and post the class's
 * marks in batches of `batch` as the children walk in, all devices at once, each device one
 * batch after another (as its outbox sender does). Every mark is a session mark taken now.
 */
async function morningPeak(devices: number, perClass: number, batch: number, periods: number) {
  const { url, drop } = await scratchDatabase();
  const server = await serve(url);
  try {
    const fleet = await laptops(server.base, devices, perClass);
    const latencies: number[] = [];
    let accepted = 0;
    let ms = 0;
    for (let p = 0; p < periods; p++) {
      // A new lesson each period: starting it ends the one before, and once-per-session starts afresh.
      const sessions = await Promise.all(fleet.devices.map((d) => postAs(d.token, server.base, `/api/classes/${d.classId}/sessions`, {})));
      const t0 = performance.now();
      await Promise.all(
        fleet.devices.map(async (d, i) => {
          const sessionId = (sessions[i] as { id: string }).id;
          for (let k = 0; k < d.students.length; k += batch) {
            const marks = d.students.slice(k, k + batch).map((studentId) => ({
              id: randomUUID(),
              studentId,
              sessionId,
              deviceId: `laptop-${i}`,
              markedAt: new Date().toISOString(),
              method: 'face' as const,
              similarity: 0.95,
            }));
            const s = performance.now();
            const res = (await postAs(d.token, server.base, '/api/attendance', { marks })) as { results: { status: string }[] };
            latencies.push(performance.now() - s);
            accepted += res.results.filter((x) => x.status === 'accepted').length;
          }
        }),
      );
      ms += performance.now() - t0;
    }
    const total = devices * perClass * periods;
    if (accepted !== total) throw new Error(`only ${accepted} of ${total} peak marks accepted`);
    return { devices, perClass, batch, periods, total, perSec: (total / ms) * 1000, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
  } finally {
    await server.close();
    await drop();
  }
}

function unitVector(dim: number, seed: number) {
  const v = new Float32Array(dim);
  let x = seed;
  for (let i = 0; i < dim; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    v[i] = x / 2147483648;
  }
  const n = Math.hypot(...v);
  return v.map((a) => a / n);
}

async function fullSync(students: number, perStudent: number, modelId: 'human-faceres@3.3.6' | 'faceapi-resnet@1.7.15', dim: number) {
  const { url, drop } = await scratchDatabase();
  const server = await serve(url);
  try {
    const ids = Array.from({ length: students }, (_, i) => `Y${String(i).padStart(5, '0')}`);
    await pool(ids, 10, async (id) => {
      await post(server.base, '/api/students', { studentId: id, name: `Sync ${id}` });
      // Face data needs recorded consent (the policy is on by default).
      await post(server.base, `/api/students/${id}/consent`, { status: 'granted', onBehalfOf: 'parent' });
      const embeddings = Array.from({ length: perStudent }, (_, k) => ({
        modelId,
        vector: encodeVector(unitVector(dim, ids.indexOf(id) * 31 + k + 1)),
        quality: 0.9,
        sourceHash: (id + k)
          .padEnd(64, '0')
          .replace(/[^0-9a-f]/g, 'a')
          .slice(0, 64),
      }));
      await post(server.base, `/api/students/${id}/embeddings`, { embeddings });
    });
    const times: number[] = [];
    let bytes = 0;
    let gz = 0;
    let count = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const res = await fetch(`${server.base}/api/sync?since=0&limit=20000&modelId=${modelId}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      times.push(performance.now() - t);
      bytes = Buffer.byteLength(text);
      gz = gzipSync(text).byteLength;
      count = (JSON.parse(text) as { embeddings: { upserted: unknown[] } }).embeddings.upserted.length;
    }
    const rawVectorBytes = students * perStudent * dim * 4;
    return {
      students,
      perStudent,
      dim,
      embeddings: count,
      ms: percentile(times, 50),
      mb: bytes / 1e6,
      gzipMb: gz / 1e6,
      vectorMb: rawVectorBytes / 1e6,
      jsonArrayMbEstimate: (students * perStudent * dim * 20) / 1e6,
    };
  } finally {
    await server.close();
    await drop();
  }
}

export async function run(args: string[]) {
  const json = args.includes('--json');
  const say = (line: string) => void (json || console.log(line));
  inProcess = args.includes('--in-process');
  const p = args.indexOf('--profile');
  profileDir = p >= 0 ? args[p + 1] : undefined;
  const shape = inProcess ? 'in-process' : 'child-process';
  say(
    inProcess
      ? "API served in this process (--in-process): the clients share its event loop, so their CPU is counted as the API's"
      : "API served by the compiled build in a child process, as a district runs it: the clients' CPU is not the API's",
  );
  const ing = await ingest(
    opt(args, 'marks', 20_000),
    opt(args, 'students', 2_000),
    opt(args, 'batch', 50),
    opt(args, 'clients', 20),
    opt(args, 'rounds', 5),
    opt(args, 'dashboards', 1),
  );
  say(
    `Attendance ingest on MySQL: ${ing.total} marks, batches of ${ing.batch}, ${ing.clients} concurrent clients, ${ing.rounds} rounds each followed by the raw insert and the statements side; ${ing.dashboards} dashboard(s) on the live stream, each told of every mark`,
  );
  say(
    `  API  POST /api/attendance : ${ing.apiPerSec.toFixed(0)} marks/s  (batch latency p50 ${ing.p50.toFixed(1)} ms, p95 ${ing.p95.toFixed(1)} ms, p99 ${ing.p99.toFixed(1)} ms)`,
  );
  say(`  raw  mysql2 bulk INSERT   : ${ing.rawPerSec.toFixed(0)} marks/s  (same rows, twin table)`);
  say(`  the API's statements      : ${ing.stmtPerSec.toFixed(0)} marks/s  (same rows, its SQL from a bare mysql2 client: api/statements.ts)`);
  say(`  ratio API / raw           : ${(ing.apiPerSec / ing.rawPerSec).toFixed(3)}`);
  say(
    `    = statements / raw ${(ing.stmtPerSec / ing.rawPerSec).toFixed(3)} (the SQL's own cost) x API / statements ${(ing.apiPerSec / ing.stmtPerSec).toFixed(3)} (HTTP and the API's work)`,
  );
  if (ing.dashboardLagMs)
    say(
      `  dashboard(s) told of every mark of a round within ${ing.dashboardLagMs.median.toFixed(0)} ms (median of rounds; max ${ing.dashboardLagMs.max.toFixed(0)} ms) of its last answer`,
    );
  say(
    `  this process's CPU in the API rounds: ${ing.sides.api.bench.toFixed(0)} ms of ${ing.sides.api.ms.toFixed(0)} ms wall (${inProcess ? "the clients' and the API's" : "the clients' alone"})`,
  );
  // CPU per 1,000 marks on each side: steadier than marks/s on a shared machine, and it says which process holds the gap.
  const per1k = (ms: number) => (Number.isFinite(ms) ? `${((ms / ing.total) * 1000).toFixed(0)} ms` : 'n/a');
  say(
    `  CPU per 1,000 marks, API rounds: ${inProcess ? 'API and clients' : `API ${per1k(ing.sides.api.api)}, clients`} ${per1k(ing.sides.api.bench)}, MariaDB ${per1k(ing.sides.api.db)}; raw rounds: this process ${per1k(ing.sides.raw.bench)}, MariaDB ${per1k(ing.sides.raw.db)}; statements rounds: this process ${per1k(ing.sides.statements.bench)}, MariaDB ${per1k(ing.sides.statements.db)}`,
  );
  const peak = await morningPeak(opt(args, 'devices', 200), opt(args, 'class-size', 30), opt(args, 'peak-batch', 10), opt(args, 'periods', 2));
  say(
    `Morning peak: ${peak.devices} laptops (own token, class of ${peak.perClass}, ${peak.periods} lessons) posting session marks in batches of ${peak.batch} at once: ${peak.perSec.toFixed(0)} marks/s (batch latency p50 ${peak.p50.toFixed(1)} ms, p95 ${peak.p95.toFixed(1)} ms)`,
  );
  const syncs = [];
  if (!args.includes('--no-sync'))
    for (const [modelId, dim] of [
      ['human-faceres@3.3.6', 1024],
      ['faceapi-resnet@1.7.15', 128],
    ] as const)
      syncs.push(await fullSync(opt(args, 'sync-students', 1_000), 5, modelId, dim));
  for (const s of syncs) {
    say(
      `Full sync (since=0) of ${s.students} students x ${s.perStudent} embeddings x ${s.dim}-d: ${s.ms.toFixed(0)} ms, ${s.mb.toFixed(2)} MB (${s.gzipMb.toFixed(2)} MB gzipped); raw float32 ${s.vectorMb.toFixed(2)} MB, ratio ${(s.mb / s.vectorMb).toFixed(2)}x; as JSON number arrays ~${s.jsonArrayMbEstimate.toFixed(0)} MB`,
    );
  }
  if (json) console.log(JSON.stringify({ shape, ingest: ing, peak, sync: syncs }));
}
