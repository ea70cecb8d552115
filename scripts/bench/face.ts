// `pnpm bench face [--photos N] [--rounds R]`: the face pipeline on tfjs wasm in Node: model load
// time, warm per-face time split into detection and embedding, and memory; the shipped pipeline
// (face-api recognition net, mirror-averaged) against two baselines run in the same process.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModelId } from '@rollcall/contracts';
import type { FaceEngine, RgbImage } from '../../packages/face/src/index.ts';
import { createNodeFaceEngine, decodeImageFile } from '../../packages/face/src/node.ts';

const FACES_DIR = resolve(process.env.FACES_DIR ?? join(import.meta.dirname, '../../../shared/faces'));

interface Variant {
  name: string;
  model: ModelId;
  mirror: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'shipped: face-api resnet, mirror-averaged', model: 'faceapi-resnet@1.7.15', mirror: true },
  { name: 'face-api resnet, single pass', model: 'faceapi-resnet@1.7.15', mirror: false },
  { name: "Human's faceres (1024-d)", model: 'human-faceres@3.3.6', mirror: false },
];

function photos(limit: number): string[] {
  // twd are ordinary uncropped photos, bbt tight crops: a mix of what teachers will upload.
  const out: string[] = [];
  for (const set of ['twd', 'bbt']) {
    const dir = join(FACES_DIR, set);
    if (!existsSync(dir)) continue;
    for (const id of readdirSync(dir).sort()) {
      const p = join(dir, id);
      if (id.startsWith('_') || !statSync(p).isDirectory()) continue;
      const files = readdirSync(p).sort();
      if (files[0]) out.push(join(p, files[0]));
    }
  }
  return out.slice(0, limit);
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Row {
  name: string;
  loadMs: number;
  detectMs: number;
  embedMs: number;
  totalMs: number;
  rssMb: number;
}

async function measure(v: Variant, images: RgbImage[], rounds: number): Promise<Row> {
  const engine: FaceEngine = await createNodeFaceEngine({ model: v.model });
  const detect: number[] = [];
  const embed: number[] = [];
  // First pass warms the wasm kernels and is not counted.
  for (const img of images) await engine.analyze(img, { mirror: v.mirror });
  for (let r = 0; r < rounds; r++) {
    for (const img of images) {
      const res = await engine.analyze(img, { mirror: v.mirror });
      const n = Math.max(1, res.faces.length);
      detect.push(res.timing.detectMs / n);
      embed.push(res.timing.embedMs / n);
    }
  }
  const d = median(detect);
  const e = median(embed);
  return { name: v.name, loadMs: engine.loadMs, detectMs: d, embedMs: e, totalMs: d + e, rssMb: Number(mb(process.memoryUsage().rss)) };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { photos: { type: 'string', default: '8' }, rounds: { type: 'string', default: '3' } } });
  const files = photos(Number(values.photos));
  if (files.length === 0) {
    console.log(`face bench skipped: no photos in ${FACES_DIR} (set FACES_DIR)`);
    return;
  }
  const images = await Promise.all(files.map(decodeImageFile));
  const before = process.memoryUsage();
  console.log(`face pipeline on tfjs wasm in Node ${process.version}, ${files.length} photos x ${values.rounds} rounds (warm, median per face)`);
  const rows: Row[] = [];
  for (const v of VARIANTS) rows.push(await measure(v, images, Number(values.rounds)));
  const base = rows[0]!;
  console.log('| pipeline | model load ms | detect ms/face | embed ms/face | total ms/face | vs shipped | RSS after, MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.loadMs.toFixed(0)} | ${r.detectMs.toFixed(1)} | ${r.embedMs.toFixed(1)} | ${r.totalMs.toFixed(1)} | ${(r.totalMs / base.totalMs).toFixed(2)}x | ${r.rssMb} |`,
    );
  }
  const after = process.memoryUsage();
  console.log(
    `memory: RSS ${mb(before.rss)} MB with photos decoded, ${mb(after.rss)} MB with all three pipelines loaded; JS heap ${mb(after.heapUsed)} MB, external+wasm ${mb(after.external + after.arrayBuffers)} MB`,
  );
  console.log("note: the first variant's load time includes compiling the wasm backend; later loads reuse it.");
}
