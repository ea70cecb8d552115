// `rollcall variety <folder> [--seed X] [--per-identity N] [--json]`: how alike two embeddings of
// one person are when they come from the same picture (a copy with sensor noise, a 2-4 px shift
// and 3% zoom: what a second camera frame of a still student gives) against two different photos
// of that person. The near-copy limit of enrolment strength and of learning from sightings must
// sit between the two, so a near-copy counts once and a second real view counts twice.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dot, l2Normalize } from '@rollcall/contracts';
import { prng } from '@rollcall/matcher';
import type { RgbImage } from '@rollcall/face';
import { createNodeFaceEngine, decodeImage } from '@rollcall/face/node';
import { readPhotos } from '../eval/dataset.ts';
import { resolveUserPath, UsageError } from '../paths.ts';

const USAGE = 'usage: rollcall variety <folder> [--seed X] [--per-identity N] [--json]  (folder: <identity>/<photo>, or a set with labels.csv)';

/** The same picture as a second camera frame would give it: shifted, slightly zoomed, with sensor noise (sigma 3). */
export function nearCopy(img: RgbImage, rand: () => number): RgbImage {
  const zoom = 1.03;
  const dx = 2 + rand() * 2;
  const dy = 2 + rand() * 2;
  const out = new Uint8Array(img.data.length);
  const cx = img.width / 2;
  const cy = img.height / 2;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, Math.round((x - cx) / zoom + cx + dx)));
      const sy = Math.min(img.height - 1, Math.max(0, Math.round((y - cy) / zoom + cy + dy)));
      for (let c = 0; c < 3; c++) {
        // Box-Muller noise, sigma 3.
        const n = Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand()) * 3;
        out[(y * img.width + x) * 3 + c] = Math.min(255, Math.max(0, Math.round(img.data[(sy * img.width + sx) * 3 + c]! + n)));
      }
    }
  }
  return { width: img.width, height: img.height, data: out };
}

/** Sorted copy's quantiles at the given fractions. */
export function quantilesOf(values: readonly number[], qs: readonly number[]): number[] {
  const v = [...values].sort((a, b) => a - b);
  return qs.map((q) => v[Math.min(v.length - 1, Math.max(0, Math.round(q * (v.length - 1))))] ?? Number.NaN);
}

export async function varietyCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { seed: { type: 'string', default: '1' }, 'per-identity': { type: 'string', default: '4' }, json: { type: 'boolean', default: false } },
  });
  if (!positionals[0]) throw new UsageError(USAGE);
  const folder = resolveUserPath(positionals[0]);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`no photo folder at ${folder}\n${USAGE}`);
  const perIdentity = Number(values['per-identity']);
  if (!Number.isInteger(perIdentity) || perIdentity < 2) throw new UsageError(`--per-identity must be a whole number of at least 2\n${USAGE}`);
  const rand = prng(Number(values.seed));

  const byIdentity = new Map<string, string[]>();
  for (const p of readPhotos(folder)) byIdentity.set(p.identity, [...(byIdentity.get(p.identity) ?? []), p.path]);
  const engine = await createNodeFaceEngine();
  const copies: number[] = [];
  const others: number[] = [];
  let photos = 0;
  try {
    for (const paths of byIdentity.values()) {
      const vectors: Float32Array[] = [];
      for (const path of paths.slice(0, perIdentity)) {
        const img = await decodeImage(new Uint8Array(readFileSync(join(folder, path))));
        const [a] = (await engine.analyze(img)).faces;
        const [b] = (await engine.analyze(nearCopy(img, rand))).faces;
        if (!a?.embedding || !b?.embedding) continue;
        photos++;
        copies.push(dot(a.embedding.vector, b.embedding.vector));
        vectors.push(l2Normalize(a.embedding.vector));
      }
      for (let i = 0; i < vectors.length; i++) for (let j = i + 1; j < vectors.length; j++) others.push(dot(vectors[i]!, vectors[j]!));
    }
  } finally {
    await engine.dispose();
  }
  const qs = [0.01, 0.05, 0.5, 0.95, 0.99];
  const table = (values: number[]) => {
    const at = quantilesOf(values, qs);
    return Object.fromEntries(qs.map((q, i) => [q, at[i]]));
  };
  const report = {
    folder,
    photos,
    nearCopy: { pairs: copies.length, quantiles: table(copies) },
    otherPhoto: { pairs: others.length, quantiles: table(others) },
  };
  if (values.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const fmt = (o: Record<string, number | undefined>) =>
    Object.entries(o)
      .map(([q, v]) => `p${Number(q) * 100}=${v?.toFixed(4)}`)
      .join(' ');
  console.log(`${folder}: ${photos} photos`);
  console.log(`  near-copy of the same photo (${copies.length}): ${fmt(report.nearCopy.quantiles)}`);
  console.log(`  two photos of the same person (${others.length}): ${fmt(report.otherPhoto.quantiles)}`);
}
