// `pnpm bench matcher`: HNSW vs the exact scan on realistic clustered embeddings (5 per identity),
// per size and dimension; with --crossover and --rosters, the studies behind the matcher's defaults.
import { Gallery, type GalleryOptions } from '../../packages/matcher/src/index.ts';
import { loadHnswLibrary } from '../../packages/matcher/src/hnswlib.ts';
import { SyntheticFaces } from '../../packages/matcher/src/synthetic.ts';

const MODEL_BY_DIM = { 128: 'faceapi-resnet@1.7.15', 1024: 'human-faceres@3.3.6' } as const;
type Dim = keyof typeof MODEL_BY_DIM;

interface Args {
  sizes: number[];
  sizesGiven: boolean;
  dims: Dim[];
  json: boolean;
  queries: number;
  crossover: boolean;
  rosters: boolean;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
  candidates?: number;
}

export interface SizeResult {
  n: number;
  dim: number;
  buildMs: number;
  addMsPerVector: number;
  queryP50Ms: number;
  queryP99Ms: number;
  exactP50Ms: number;
  speedup: number;
  recallAt1: number;
  studentRecallAt1: number;
  memoryMb: number;
}

/** Above this many 1024-d vectors the default run stops: building takes minutes on 2 cores. */
const DEFAULT_MAX_N_1024 = 10_000;

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  // hnswlib-wasm prints its file-system chatter with console.log: keep stdout for our output.
  const log = console.log;
  console.log = (...a: unknown[]) => console.error(...a);
  try {
    await loadHnswLibrary(); // once, before any clock: galleries load it on demand
    const sizes: SizeResult[] = [];
    const skipped: string[] = [];
    for (const dim of args.dims) {
      for (const n of args.sizes) {
        if (dim === 1024 && n > DEFAULT_MAX_N_1024 && !args.sizesGiven) {
          skipped.push(`${n} x ${dim}-d (pass --sizes to run it)`);
          continue;
        }
        progress(args, `n=${n} dim=${dim}...`);
        sizes.push(await measureSize(n, dim, args));
      }
    }
    const crossover = args.crossover ? await measureCrossover(args) : undefined;
    const rosters = args.rosters ? await measureRosters(args) : undefined;
    const result = { sizes, ...(crossover && { crossover }), ...(rosters && { rosters }), ...(skipped.length > 0 && { skipped }) };
    process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${formatTables(result)}\n`);
  } finally {
    console.log = log;
  }
}

function galleryOptions(dim: Dim, args: Args, exactBelow: number): GalleryOptions {
  const hnsw = {
    ...(args.m !== undefined && { m: args.m }),
    ...(args.efConstruction !== undefined && { efConstruction: args.efConstruction }),
    ...(args.efSearch !== undefined && { efSearch: args.efSearch }),
  };
  return { modelId: MODEL_BY_DIM[dim], exactBelow, hnsw, ...(args.candidates !== undefined && { candidates: args.candidates }) };
}

async function measureSize(n: number, dim: Dim, args: Args): Promise<SizeResult> {
  const faces = new SyntheticFaces(dim, 1000 + n);
  const identities = Math.ceil(n / 5);
  const options = galleryOptions(dim, args, Infinity);
  const gallery = await Gallery.create(options, faces.entries(identities).slice(0, n));

  let t = performance.now();
  await gallery.buildIndex();
  const buildMs = performance.now() - t;

  // Incremental enrolment: 40 new students, 5 photos each, one student at a time.
  const extra = faces.entries(40, 5, identities);
  t = performance.now();
  for (let i = 0; i < extra.length; i += 5) gallery.add(extra.slice(i, i + 5));
  const addMsPerVector = (performance.now() - t) / extra.length;
  gallery.remove(extra.map((e) => e.embeddingId));

  // Queries: new photos of enrolled students (what the camera sees).
  const queries = Array.from({ length: args.queries }, (_, i) => faces.sample((i * 7919) % identities));
  const hnswTimes: number[] = [];
  for (const q of queries) {
    t = performance.now();
    gallery.search(q, { method: 'hnsw', limit: 5 });
    hnswTimes.push(performance.now() - t);
  }
  const exactQueries = queries.slice(0, Math.min(queries.length, 300));
  const exactTimes: number[] = [];
  let hits = 0;
  let studentHits = 0;
  for (const q of exactQueries) {
    t = performance.now();
    const exact = gallery.search(q, { method: 'exact', limit: 5 });
    exactTimes.push(performance.now() - t);
    // recall@1 per embedding: HNSW's best-only score equals the exact best embedding's score.
    const hnswBest = gallery.search(q, { method: 'hnsw', scoring: 'best', limit: 1 })[0];
    const exactBest = gallery.search(q, { method: 'exact', scoring: 'best', limit: 1 })[0];
    if (hnswBest && exactBest && Math.abs(hnswBest.best - exactBest.best) < 1e-6) hits++;
    if (gallery.search(q, { method: 'hnsw', limit: 1 })[0]?.studentId === exact[0]?.studentId) studentHits++;
  }
  const queryP50Ms = percentile(hnswTimes, 0.5);
  const exactP50Ms = percentile(exactTimes, 0.5);

  const memoryMb = estimateMemoryMb(gallery, n);
  gallery.dispose();
  return {
    n,
    dim,
    buildMs: round(buildMs),
    addMsPerVector: round(addMsPerVector, 3),
    queryP50Ms: round(queryP50Ms, 3),
    queryP99Ms: round(percentile(hnswTimes, 0.99), 3),
    exactP50Ms: round(exactP50Ms, 3),
    speedup: round(exactP50Ms / queryP50Ms, 1),
    recallAt1: round(hits / exactQueries.length, 4),
    studentRecallAt1: round(studentHits / exactQueries.length, 4),
    memoryMb: round(memoryMb, 1),
  };
}

/** Where the exact scan stops paying: both paths timed on the same galleries, full matcher query. */
async function measureCrossover(args: Args) {
  const rows = [];
  for (const dim of args.dims) {
    for (const n of [250, 500, 1000, 2000, 4000, 8000]) {
      progress(args, `crossover n=${n} dim=${dim}...`);
      const faces = new SyntheticFaces(dim, 7 + n);
      const gallery = await Gallery.create(galleryOptions(dim, args, 0), faces.entries(n / 5));
      const queries = Array.from({ length: 200 }, (_, i) => faces.sample(i % (n / 5)));
      const time = (method: 'exact' | 'hnsw') =>
        percentile(
          queries.map((q) => {
            const t = performance.now();
            gallery.search(q, { method, limit: 5 });
            return performance.now() - t;
          }),
          0.5,
        );
      time('exact'); // warm-up
      rows.push({ dim, n, exactP50Ms: round(time('exact'), 3), hnswP50Ms: round(time('hnsw'), 3) });
      gallery.dispose();
    }
  }
  return rows;
}

/** Class-sized scopes in a big gallery: exact over the roster, HNSW + filter, or a dedicated index. */
async function measureRosters(args: Args) {
  const dim = args.dims[0]!;
  const n = 50_000;
  progress(args, `rosters: building a ${n} x ${dim}-d gallery...`);
  const faces = new SyntheticFaces(dim, 99);
  const gallery = await Gallery.create(galleryOptions(dim, args, 0), faces.entries(n / 5));
  const rows = [];
  for (const students of [30, 300, 3000]) {
    const ids = Array.from({ length: students }, (_, i) => (i * 3) % (n / 5));
    const roster = new Set(ids.map((i) => `S${i}`));
    const queries = Array.from({ length: 100 }, (_, i) => faces.sample(ids[i % ids.length]!));
    const time = (g: Gallery, opts: Parameters<Gallery['search']>[1]) =>
      round(
        percentile(
          queries.map((q) => {
            const t = performance.now();
            g.search(q, { ...opts, limit: 5 });
            return performance.now() - t;
          }),
          0.5,
        ),
        3,
      );
    const t = performance.now();
    const dedicated = await Gallery.create(galleryOptions(dim, args, 0), gallery.entriesOf(roster));
    const dedicatedBuildMs = round(performance.now() - t);
    rows.push({
      dim,
      galleryN: n,
      rosterStudents: students,
      rosterN: students * 5,
      exactOverRosterP50Ms: time(gallery, { roster, method: 'exact' }),
      sharedHnswFilterP50Ms: time(gallery, { roster, method: 'hnsw' }),
      dedicatedHnswP50Ms: time(dedicated, { method: 'hnsw' }),
      dedicatedExactP50Ms: time(dedicated, { method: 'exact' }),
      dedicatedBuildMs,
    });
    dedicated.dispose();
  }
  gallery.dispose();
  return rows;
}

/**
 * The exact store (measured: its Float32Array) plus hnswlib's graph, from its memory layout:
 * per allocated element 2M links + count (level 0), the vector, a label; upper levels on ~1/M of
 * elements; ~40 bytes of label map per element.
 */
function estimateMemoryMb(gallery: Gallery, n: number): number {
  const { m } = gallery.hnswParams;
  const storeBytes = gallery.size * gallery.dim * 4;
  const capacity = gallery.graphCapacity;
  const perElement = 2 * m * 4 + 4 + gallery.dim * 4 + 4;
  const graphBytes = capacity * perElement + n * ((m * 4 + 4) / (m - 1) + 40);
  return (storeBytes + graphBytes) / 2 ** 20;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
}

function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function progress(args: Args, msg: string): void {
  if (!args.json) process.stderr.write(`${msg}\n`);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [1000, 10_000, 100_000], sizesGiven: false, dims: [128, 1024], json: false, queries: 1000, crossover: false, rosters: false };
  const num = (flag: string, v: string | undefined) => {
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0) throw new Error(`bench matcher: ${flag} needs a positive number, got ${v}`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i];
    if (a === '--json') args.json = true;
    else if (a === '--sizes')
      [args.sizes, args.sizesGiven] = [
        String(next())
          .split(',')
          .map((s) => num(a, s)),
        true,
      ];
    else if (a === '--dims')
      args.dims = String(next())
        .split(',')
        .map((s) => dimOf(num(a, s)));
    else if (a === '--queries') args.queries = num(a, next());
    else if (a === '--crossover') args.crossover = true;
    else if (a === '--rosters') args.rosters = true;
    else if (a === '--all') [args.crossover, args.rosters] = [true, true];
    else if (a === '--m') args.m = num(a, next());
    else if (a === '--ef-construction') args.efConstruction = num(a, next());
    else if (a === '--ef-search') args.efSearch = num(a, next());
    else if (a === '--candidates') args.candidates = num(a, next());
    else throw new Error(`bench matcher: unknown argument ${a}`);
  }
  return args;
}

function dimOf(x: number): Dim {
  if (x === 128 || x === 1024) return x;
  throw new Error(`bench matcher: --dims takes 128 and/or 1024, got ${x}`);
}

function formatTables(result: { sizes: SizeResult[]; crossover?: unknown[]; rosters?: unknown[]; skipped?: string[] }): string {
  const lines = ['matcher: HNSW (candidates re-ranked exactly) vs exact scan, same process; times are medians unless p99', ''];
  lines.push(
    table(
      result.sizes.map((r) => ({
        n: r.n,
        dim: r.dim,
        'build s': (r.buildMs / 1000).toFixed(1),
        'add ms/vec': r.addMsPerVector,
        'p50 ms': r.queryP50Ms,
        'p99 ms': r.queryP99Ms,
        'exact p50 ms': r.exactP50Ms,
        'x exact': `${r.speedup}x`,
        'recall@1': r.recallAt1,
        'student@1': r.studentRecallAt1,
        MB: r.memoryMb,
      })),
    ),
  );
  if (result.crossover) lines.push('', 'crossover (full matcher query, p50 ms):', table(result.crossover as Record<string, unknown>[]));
  if (result.rosters) lines.push('', 'roster scoping (p50 ms):', table(result.rosters as Record<string, unknown>[]));
  if (result.skipped) lines.push('', `skipped: ${result.skipped.join('; ')}`);
  return lines.join('\n');
}

function table(rows: Record<string, unknown>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const cells = rows.map((r) => cols.map((c) => String(r[c])));
  const w = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((x, i) => x.padStart(w[i]!)).join('  ');
  return [fmt(cols), ...cells.map(fmt)].join('\n');
}
