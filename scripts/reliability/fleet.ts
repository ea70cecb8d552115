// Simulated classroom devices: each has its own outbox and sender from @rollcall/sync (the code
// the web app uses) and a device token, and marks the students of its class at a steady rate.
// Every request is timed and its answer recorded, so a scenario can report throughput, latency
// and every error status it saw.
import { randomUUID } from 'node:crypto';
import type { NewMark } from '@rollcall/contracts';
import { MemoryOutboxStore, Outbox, Sender, fetchTransport } from '@rollcall/sync';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Setup {
  adminToken: string;
  devices: { token: string; classId: string; students: string[] }[];
}

async function call(base: string, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** An admin, one class of `perClass` students per device, and a device token for each class. */
export async function setUp(base: string, devices: number, perClass: number): Promise<Setup> {
  const signedIn = await fetch(`${base}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@bench.example', name: 'Bench', password: 'bench password 123' }),
  });
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const tokenRes = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'bench' }),
  });
  const adminToken = ((await tokenRes.json()) as { token: string }).token;
  const out: Setup = { adminToken, devices: [] };
  const one = async (d: number) => {
    const students = Array.from({ length: perClass }, (_, i) => `D${d}S${i}`);
    await Promise.all(students.map((id) => call(base, adminToken, 'POST', '/api/students', { studentId: id, name: `Student ${id}` })));
    const cls = (await call(base, adminToken, 'POST', '/api/classes', { name: `Room ${d}`, studentIds: students })) as { id: string };
    const dev = (await call(base, adminToken, 'POST', '/api/devices', { name: `Laptop ${d}`, classIds: [cls.id] })) as { token: string };
    return { token: dev.token, classId: cls.id, students };
  };
  // A few classrooms at a time: 200 one after another took minutes before a scenario began.
  for (let d = 0; d < devices; d += 5) {
    const batch = Array.from({ length: Math.min(5, devices - d) }, (_, i) => one(d + i));
    out.devices.push(...(await Promise.all(batch)));
  }
  return out;
}

export interface Stats {
  requests: number;
  latencies: number[];
  statuses: Map<number, number>;
  networkErrors: number;
}

export function newStats(): Stats {
  return { requests: 0, latencies: [], statuses: new Map(), networkErrors: 0 };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** One request a device sent: when (Date.now()), and whether the API took it (2xx). */
export interface Attempt {
  start: number;
  end: number;
  ok: boolean;
}

export interface Device {
  outbox: Outbox;
  sender: Sender;
  generated: NewMark[];
  attempts: Attempt[];
  stop(): void;
}

/**
 * Starts one device marking its students round after round: each round is 61 s later in marked
 * time than the last (past the 60 s cooldown), so every mark is one the server must store.
 */
export function startDevice(
  base: string,
  device: Setup['devices'][number],
  stats: Stats,
  opts: { intervalMs: number; timeoutMs?: number; fetch?: typeof fetch },
): Device {
  const outbox = new Outbox(new MemoryOutboxStore());
  const attempts: Attempt[] = [];
  const timedFetch: typeof fetch = async (input, init) => {
    const start = performance.now();
    const startedAt = Date.now();
    stats.requests++;
    try {
      const res = await (opts.fetch ?? fetch)(input, init);
      stats.latencies.push(performance.now() - start);
      stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
      attempts.push({ start: startedAt, end: Date.now(), ok: res.ok });
      return res;
    } catch (err) {
      stats.networkErrors++;
      attempts.push({ start: startedAt, end: Date.now(), ok: false });
      throw err;
    }
  };
  const transport = fetchTransport({ baseUrl: base, token: device.token, fetch: timedFetch, timeoutMs: opts.timeoutMs ?? 10_000 });
  const sender = new Sender({ outbox, transport, batchSize: 50, pollMs: 500, backoff: { minMs: 250, maxMs: 4_000 } });
  sender.start();
  const generated: NewMark[] = [];
  // Marks step a minute apart (past the cooldown) from three days ago: the API takes a laptop's day
  // marks up to a week old and none from the future, so a long run never outgrows the window.
  const base0 = Date.now() - 3 * 86_400_000;
  let k = 0;
  const timer = setInterval(() => {
    const round = Math.floor(k / device.students.length);
    const mark: NewMark = {
      id: randomUUID(),
      studentId: device.students[k % device.students.length]!,
      deviceId: `sim-${device.classId.slice(0, 8)}`,
      markedAt: new Date(base0 + round * 61_000 + (k % device.students.length) * 10).toISOString(),
      method: 'face',
      similarity: 0.95,
    };
    k++;
    generated.push(mark);
    void outbox.enqueue(mark);
  }, opts.intervalMs);
  return { outbox, sender, generated, attempts, stop: () => clearInterval(timer) };
}

/**
 * A fetch that remembers the mark ids of every batch posted and not yet answered, so a fault
 * scenario can look at exactly those the moment the API dies.
 */
export function batchWatcher(): { fetch: typeof fetch; inFlight: () => string[][] } {
  const open = new Map<number, string[]>();
  let n = 0;
  const watching = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const id = ++n;
    if (init?.method === 'POST' && typeof init.body === 'string')
      open.set(
        id,
        (JSON.parse(init.body) as { marks: NewMark[] }).marks.map((m) => m.id),
      );
    try {
      return await fetch(input, init);
    } finally {
      open.delete(id);
    }
  }) as typeof fetch;
  return { fetch: watching, inFlight: () => [...open.values()] };
}

/** Stops generating, then lets every sender empty its outbox. */
export async function drain(devices: Device[], timeoutMs: number): Promise<{ pending: number; failed: number }> {
  for (const d of devices) d.stop();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await Promise.all(devices.map((d) => d.sender.flush()));
    const counts = await Promise.all(devices.map((d) => d.outbox.store.count()));
    const pending = counts.reduce((s, c) => s + c.pending, 0);
    const failed = counts.reduce((s, c) => s + c.failed, 0);
    if (pending === 0 || Date.now() > deadline) {
      await Promise.all(devices.map((d) => d.sender.stop()));
      return { pending, failed };
    }
    await sleep(500);
  }
}

export function summary(stats: Stats, seconds: number, stored: number) {
  return {
    requests: stats.requests,
    marksPerSecond: Math.round(stored / seconds),
    p50Ms: Math.round(percentile(stats.latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(stats.latencies, 99) * 10) / 10,
    statuses: Object.fromEntries([...stats.statuses].sort()),
    networkErrors: stats.networkErrors,
  };
}
