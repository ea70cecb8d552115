// API benchmark on MySQL: marks ingested per second through POST /api/attendance (batches of
// 50, 20 concurrent clients) next to a raw mysql2 bulk insert of the same rows, and the size and
// time of a full sync of 1,000 students x 5 embeddings.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createConnection, createPool } from 'mysql2/promise';
import { encodeVector } from '@rollcall/contracts';
import { createApp } from '../../apps/api/src/app.ts';
import { openDatabase } from '../../apps/api/src/db/database.ts';
import { migrateToLatest } from '../../apps/api/src/db/migrator.ts';
import { setUp } from '../reliability/fleet.ts';

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
  const database = openDatabase({ dialect: 'mysql', url: `${ROOT}/${name}`, poolSize: 25 });
  await migrateToLatest(database.db);
  const drop = async () => {
    await database.close();
    const c = await createConnection({ uri: ROOT });
    await c.query(`DROP DATABASE \`${name}\``);
    await c.end();
  };
  return { database, url: `${ROOT}/${name}`, drop };
}

async function serve(database: ReturnType<typeof openDatabase>) {
  const { app, hub } = createApp({
    config: {
      cooldownSeconds: 60,
      bodyLimit: '50mb',
      webDist: null,
      logRequests: false,
      corsOrigins: [],
      retentionDays: null,
      markPostsPerMinute: 1_000_000,
      trustProxy: false,
    },
    database,
    validateResponses: false,
    log: () => {},
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = (await setUp(base, 0, 0)).adminToken;
  return {
    base,
    close: () =>
      new Promise<void>((r) => {
        hub.stop();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The admin's bearer token of the server being measured (each run sets up its own). */
let token = '';
const post = (base: string, path: string, body: unknown) =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }).then(
    async (r) => {
      if (!r.ok) throw new Error(`${path} ${r.status} ${await r.text()}`);
      return r.json();
    },
  );

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

async function ingest(total: number, students: number) {
  const { database, url, drop } = await scratchDatabase();
  const server = await serve(database);
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
    const batches: (typeof marks)[] = [];
    for (let i = 0; i < marks.length; i += 50) batches.push(marks.slice(i, i + 50));

    const latencies: number[] = [];
    let accepted = 0;
    const t0 = performance.now();
    await pool(batches, 20, async (b) => {
      const s = performance.now();
      const res = (await post(server.base, '/api/attendance', { marks: b })) as { results: { status: string }[] };
      latencies.push(performance.now() - s);
      accepted += res.results.filter((r) => r.status === 'accepted').length;
    });
    const apiMs = performance.now() - t0;
    if (accepted !== total) throw new Error(`only ${accepted} of ${total} marks accepted`);

    // Baseline: the same rows straight into the table with mysql2, 20 connections, 50 rows a statement.
    await database.db.deleteFrom('attendance_marks').execute();
    const raw = createPool({ uri: url, connectionLimit: 20 });
    const rows = marks.map((m) => [
      m.id,
      m.studentId,
      null,
      null,
      m.deviceId,
      Date.parse(m.markedAt),
      m.markedAt.slice(0, 10),
      0,
      Date.now(),
      0.95,
      'face',
      'present',
    ]);
    const r0 = performance.now();
    await pool(
      Array.from({ length: batches.length }, (_, i) => rows.slice(i * 50, i * 50 + 50)),
      20,
      async (chunk) => {
        await raw.query(
          'INSERT INTO attendance_marks (id, student_id, session_id, class_id, device_id, marked_at, marked_day, marked_offset, received_at, similarity, method, status) VALUES ?',
          [chunk],
        );
      },
    );
    const rawMs = performance.now() - r0;
    await raw.end();
    return { total, apiPerSec: (total / apiMs) * 1000, rawPerSec: (total / rawMs) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
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
  const { database, drop } = await scratchDatabase();
  const server = await serve(database);
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
  const total = opt(args, 'marks', 20_000);
  const ing = await ingest(total, opt(args, 'students', 2_000));
  const syncs = [];
  for (const [modelId, dim] of [
    ['human-faceres@3.3.6', 1024],
    ['faceapi-resnet@1.7.15', 128],
  ] as const)
    syncs.push(await fullSync(opt(args, 'sync-students', 1_000), 5, modelId, dim));
  if (json) {
    console.log(JSON.stringify({ ingest: ing, sync: syncs }));
    return;
  }
  console.log(`Attendance ingest on MySQL: ${ing.total} marks, batches of 50, 20 concurrent clients`);
  console.log(`  API  POST /api/attendance : ${ing.apiPerSec.toFixed(0)} marks/s  (batch latency p50 ${ing.p50.toFixed(1)} ms, p99 ${ing.p99.toFixed(1)} ms)`);
  console.log(`  raw  mysql2 bulk INSERT   : ${ing.rawPerSec.toFixed(0)} marks/s`);
  console.log(`  ratio API / raw           : ${(ing.apiPerSec / ing.rawPerSec).toFixed(3)}`);
  for (const s of syncs) {
    console.log(
      `Full sync (since=0) of ${s.students} students x ${s.perStudent} embeddings x ${s.dim}-d: ${s.ms.toFixed(0)} ms, ${s.mb.toFixed(2)} MB (${s.gzipMb.toFixed(2)} MB gzipped); raw float32 ${s.vectorMb.toFixed(2)} MB, ratio ${(s.mb / s.vectorMb).toFixed(2)}x; as JSON number arrays ~${s.jsonArrayMbEstimate.toFixed(0)} MB`,
    );
  }
}
