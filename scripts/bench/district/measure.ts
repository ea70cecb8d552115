// The measured calls, each through the contracts' client as the web app and the laptops make
// them: a laptop's first pull (pullSync over fetchTransport, every page), the pull after 100
// changes, the registers and the two statistics, for one school's staff and the district's admin.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { MAX_REGISTER_CLASSES, createClient, encodeVector, routes } from '@rollcall/contracts';
import { fetchTransport, MemorySyncTarget, pullSync } from '@rollcall/sync';
import { DIM, EMBEDDINGS_PER_STUDENT, MODEL_ID } from './shape.ts';
import type { QueryRecorder } from './serve.ts';
import { studentId } from './seed.ts';

export interface Figure {
  what: string;
  samples: number[];
  note?: string;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Counts what came over the wire: the answer's bytes, and what gzip would make of them. */
function countingFetch() {
  const seen = { bytes: 0, gzip: 0, requests: 0 };
  const f: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const text = await res.text();
    seen.bytes += Buffer.byteLength(text);
    seen.gzip += gzipSync(text).byteLength;
    seen.requests++;
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  return { f, seen };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** A laptop's pull from `since` to the head, as RosterSync does it (default page size). */
export async function laptopPull(base: string, token: string, target = new MemorySyncTarget()) {
  const { f, seen } = countingFetch();
  const transport = fetchTransport({ baseUrl: base, token, fetch: f, timeoutMs: 600_000 });
  const { ms, value } = await timed(() => pullSync(transport, target, { modelId: MODEL_ID }));
  return { ms, result: value, target, ...seen };
}

/**
 * fetch over node:http with no timeout of its own: Node's fetch gives up on an answer whose
 * headers take over 300 s, which a district's term statistics do at full size with a small
 * buffer pool. The client's own timeout still applies.
 */
const patientFetch: typeof fetch = (input, init) =>
  new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const req = request(url, { method: init?.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: out }));
      });
    });
    req.on('error', reject);
    init?.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
    if (init?.body !== undefined && init.body !== null) req.write(init.body as string);
    req.end();
  });

const clientAs = (base: string, token: string) => createClient(routes, { baseUrl: base, token, timeoutMs: 1_800_000, fetch: patientFetch });

/** 100 changes in one school, as its office makes them: 40 renames, 40 new photos' embeddings, 10 embeddings and 10 students deleted. */
export async function hundredChanges(base: string, adminToken: string, schoolStudents: number[]) {
  const admin = clientAs(base, adminToken);
  const pick = (i: number) => studentId(schoolStudents[(i * 7) % schoolStudents.length]!);
  for (let i = 0; i < 40; i++) await admin.updateStudent({ params: { studentId: pick(i) }, body: { name: `Renamed ${pick(i)}` } });
  for (let i = 40; i < 80; i++) {
    const v = new Float32Array(DIM).map(() => Math.random() - 0.5);
    const n = Math.hypot(...v);
    await admin.addEmbeddings({
      params: { studentId: pick(i) },
      body: { embeddings: [{ modelId: MODEL_ID, vector: encodeVector(v.map((x) => x / n)), quality: 0.9, sourceHash: randomBytes(32).toString('hex') }] },
    });
  }
  for (let i = 80; i < 90; i++) {
    const list = await admin.listEmbeddings({ params: { studentId: pick(i) } });
    await admin.deleteEmbedding({ params: { studentId: pick(i), embeddingId: list.items[0]!.id } });
  }
  for (let i = 90; i < 100; i++) await admin.deleteStudent({ params: { studentId: pick(i) }, query: { keepMarks: 'true' } });
}

export interface Callers {
  base: string;
  adminToken: string;
  headToken: string;
  classIds: string[];
  schoolClassIds: string[];
  from: string;
  to: string;
}

/** Runs `fn` `n` times, recording the SQL of the first run under `label`; a failure ends the samples and is reported, not thrown. */
async function sample(recorder: QueryRecorder, label: string, n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      recorder.record(i === 0 ? label : null);
      const { ms } = await timed(fn);
      out.push(ms);
      // A slow sample is shown as it comes, so a run stopped early still has it.
      if (ms >= 10_000) console.log(`  ${label}: sample ${i + 1} of ${n} took ${(ms / 1000).toFixed(1)} s`);
    }
  } catch (err) {
    console.log(`  ${label} failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    recorder.record(null);
  }
  return out;
}

export async function readFigures(
  c: Callers,
  recorder: QueryRecorder,
  repeat: number,
  districtRepeat: number,
  statsOnly = false,
  clearSummaries?: () => Promise<void>,
  warmSummary?: () => Promise<{ filled: number; batches: number }>,
): Promise<Figure[]> {
  const head = clientAs(c.base, c.headToken);
  const admin = clientAs(c.base, c.adminToken);
  const range = { from: c.from, to: c.to };
  const figures: Figure[] = [];
  const one = c.schoolClassIds[0]!;
  // --stats-only leaves the registers out (a district's take most of the run at full size).
  if (!statsOnly) {
    figures.push({
      what: "registers: one class's term (GET /api/registers)",
      samples: await sample(recorder, 'registers', repeat * 4, () => head.listRegisters({ query: { classId: one, ...range } })),
    });
    // Before GET /api/registers took several classes, a school's term was a call per class: kept as the "before".
    figures.push({
      what: `registers: a school's term, its ${c.schoolClassIds.length} classes one call each`,
      samples: await sample(recorder, 'registers-school-per-class', Math.max(3, Math.ceil(repeat / 2)), async () => {
        for (const classId of c.schoolClassIds) await head.listRegisters({ query: { classId, ...range } });
      }),
    });
    // Each note is read after its samples (an object literal is evaluated in order): the last answer's size.
    let schoolRegisters = 0;
    figures.push({
      what: `registers: a school's term, its ${c.schoolClassIds.length} classes in one call (classIds)`,
      samples: await sample(recorder, 'registers-school', repeat, async () => {
        schoolRegisters = (await head.listRegisters({ query: { classIds: c.schoolClassIds, ...range } })).items.length;
      }),
      note: `${schoolRegisters} registers`,
    });
    figures.push({
      what: `registers: the district's term, its ${c.classIds.length} classes one call each`,
      samples: await sample(recorder, 'registers-district-per-class', 1, async () => {
        for (const classId of c.classIds) await admin.listRegisters({ query: { classId, ...range } });
      }),
    });
    const calls = Math.ceil(c.classIds.length / MAX_REGISTER_CLASSES);
    let districtRegisters = 0;
    figures.push({
      what: `registers: the district's term, ${calls} calls of up to ${MAX_REGISTER_CLASSES} classes`,
      samples: await sample(recorder, 'registers-district', districtRepeat, async () => {
        districtRegisters = 0;
        for (let i = 0; i < c.classIds.length; i += MAX_REGISTER_CLASSES)
          districtRegisters += (await admin.listRegisters({ query: { classIds: c.classIds.slice(i, i + MAX_REGISTER_CLASSES), ...range } })).items.length;
      }),
      note: `${districtRegisters} registers`,
    });
  }
  // The statistics read a summary per class and day (0016) that the first call needing it fills:
  // the cold figures time that fill from an empty summary, every figure after them a warm one
  // (filled last by the background warm when it is timed).
  if (clearSummaries) {
    await clearSummaries();
    figures.push({
      what: 'stats daily: the district, cold (fills the summary)',
      samples: await sample(recorder, 'stats-daily-district-cold', 1, () => admin.stats({ query: range })),
    });
    await clearSummaries();
    figures.push({
      what: 'stats students: the district, cold (fills the summary)',
      samples: await sample(recorder, 'stats-students-district-cold', 1, () => admin.attendanceRates({ query: range })),
    });
    // What an API instance does in the background after an upgrade (stats.warmSummary), so that no
    // call above has to: the whole district from an empty summary, its batches back to back.
    if (warmSummary) {
      await clearSummaries();
      let warmed = '';
      figures.push({
        what: 'stats summary: the background warm, from empty',
        samples: await sample(recorder, 'stats-summary-warm', 1, async () => {
          const r = await warmSummary();
          warmed = `${r.filled} class-days in ${r.batches} batch${r.batches === 1 ? '' : 'es'}, back to back (an instance pauses between them)`;
        }),
        note: warmed,
      });
    }
  }
  const day = { from: c.to, to: c.to };
  figures.push({ what: 'stats daily: a school, one day', samples: await sample(recorder, 'stats-daily-school-day', repeat, () => head.stats({ query: day })) });
  figures.push({
    what: 'stats daily: the district, one day',
    samples: await sample(recorder, 'stats-daily-district-day', repeat, () => admin.stats({ query: day })),
  });
  figures.push({
    what: 'stats daily: a school (its head, 40 classes)',
    samples: await sample(recorder, 'stats-daily-school', repeat, () => head.stats({ query: range })),
  });
  figures.push({
    what: 'stats daily: the district (admin)',
    samples: await sample(recorder, 'stats-daily-district', districtRepeat, () => admin.stats({ query: range })),
  });
  figures.push({
    what: 'stats students: a school (its head)',
    samples: await sample(recorder, 'stats-students-school', repeat, () => head.attendanceRates({ query: range })),
  });
  figures.push({
    what: 'stats students: the district (admin)',
    samples: await sample(recorder, 'stats-students-district', districtRepeat, () => admin.attendanceRates({ query: range })),
  });
  return figures;
}

/** Embeddings a school's laptop should hold after its first pull. */
export const expectedEmbeddings = (students: number) => students * EMBEDDINGS_PER_STUDENT;
