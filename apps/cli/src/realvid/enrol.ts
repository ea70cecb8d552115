// Enrols every person of the real-footage set into one gallery through the real enrolment gates:
// frames at 20/50/80 % of a clip, or live crops spread over a folder. A refused photo is replaced
// by the nearest one not tried yet, as an admin picks another photo when the Students page says
// why one was refused; the report keeps what was used and what was refused, and why.
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FaceEngine } from '@rollcall/face';
import type { GalleryEntry } from '@rollcall/matcher';
import { checkPhoto } from '../classroom/enrol.ts';
import type { EnrolPlan, EnrolSource } from './clips.ts';
import { frameAt, probeVideo } from './decode.ts';

/** Where in a clip its enrolment frames are taken, in % of its length. */
export const CLIP_TARGETS = [20, 50, 80];
/** A refused frame is replaced by one 2, 4, ... 8 % away (after, then before). */
export const CLIP_STEP = 2;
export const CLIP_STEPS = 4;
/** Live crops enrolled per person, spread evenly over the folder in name order. */
export const CROPS_PER_PERSON = 5;
/** A refused crop is replaced by a neighbour up to this many places away. */
export const CROP_STEPS = 3;

export interface PersonEnrolment {
  person: string;
  source: EnrolSource;
  used: string[];
  refused: { photo: string; reasons: string[] }[];
}

type Checked = { vector: Float32Array } | { reasons: string[] };

/** `target`, then `target + step`, `target - step`, `target + 2 step` ... within [lo, hi], at most `steps` away. */
export function nearby(target: number, step: number, steps: number, lo: number, hi: number): number[] {
  const out = [target];
  for (let k = 1; k <= steps; k++) out.push(target + k * step, target - k * step);
  return out.filter((p) => p >= lo && p <= hi);
}

/**
 * One photo per target: the first of its nearby positions the gates accept. A position is never
 * tried twice, so a refused one is not retried for the next target and no photo is used twice.
 */
export async function choosePhotos(
  targets: readonly number[],
  candidates: (target: number) => number[],
  check: (position: number) => Promise<Checked>,
): Promise<{ used: { target: number; position: number; vector: Float32Array }[]; refused: { position: number; reasons: string[] }[] }> {
  const tried = new Set<number>();
  const used: { target: number; position: number; vector: Float32Array }[] = [];
  const refused: { position: number; reasons: string[] }[] = [];
  for (const target of targets) {
    for (const position of candidates(target)) {
      if (tried.has(position)) continue;
      tried.add(position);
      const r = await check(position);
      if ('vector' in r) {
        used.push({ target, position, vector: r.vector });
        break;
      }
      refused.push({ position, reasons: r.reasons });
    }
  }
  return { used, refused };
}

/** `k` indices spread evenly over `n` (first and last included). */
export function spread(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1)));
}

const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp']);
/** Name order as a person reads it: 8.png before 10.png. */
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

async function enrolFromClip(
  engine: FaceEngine,
  dir: string,
  clip: string,
): Promise<{ used: string[]; refused: PersonEnrolment['refused']; vectors: Float32Array[] }> {
  const file = join(dir, clip);
  const info = await probeVideo(file);
  const label = (pct: number) => `${clip} @ ${pct} % (${((pct / 100) * info.duration).toFixed(2)} s)`;
  // Never the very end: a seek there may find no frame.
  const picked = await choosePhotos(
    CLIP_TARGETS,
    (t) => nearby(t, CLIP_STEP, CLIP_STEPS, 0, 98),
    async (pct) => checkPhoto(engine, await frameAt(file, info, (pct / 100) * info.duration)),
  );
  return {
    used: picked.used.map((u) => label(u.position)),
    refused: picked.refused.map((r) => ({ photo: label(r.position), reasons: r.reasons })),
    vectors: picked.used.map((u) => u.vector),
  };
}

async function enrolFromCrops(
  engine: FaceEngine,
  dir: string,
  folder: string,
): Promise<{ used: string[]; refused: PersonEnrolment['refused']; vectors: Float32Array[] }> {
  const files = readdirSync(join(dir, folder))
    .filter((f) => IMAGE_EXT.has(extname(f).toLowerCase()))
    .sort(byName);
  const picked = await choosePhotos(
    spread(files.length, CROPS_PER_PERSON),
    (t) => nearby(t, 1, CROP_STEPS, 0, files.length - 1),
    (i) => checkPhoto(engine, join(dir, folder, files[i]!)),
  );
  const name = (i: number) => `${folder}/${files[i]}`;
  return {
    used: picked.used.map((u) => name(u.position)),
    refused: picked.refused.map((r) => ({ photo: name(r.position), reasons: r.reasons })),
    vectors: picked.used.map((u) => u.vector),
  };
}

/** The whole run's gallery entries (every person together) and how each person got theirs. */
export async function enrolPeople(
  engine: FaceEngine,
  dir: string,
  plans: readonly EnrolPlan[],
  log: (s: string) => void = () => {},
): Promise<{ entries: GalleryEntry[]; people: PersonEnrolment[] }> {
  const entries: GalleryEntry[] = [];
  const people: PersonEnrolment[] = [];
  for (const { person, source } of plans) {
    const r = source.from === 'clip' ? await enrolFromClip(engine, dir, source.clip) : await enrolFromCrops(engine, dir, source.folder);
    r.vectors.forEach((vector, i) => entries.push({ studentId: person, embeddingId: r.used[i]!, vector }));
    people.push({ person, source, used: r.used, refused: r.refused });
    log(`  ${person}: ${r.used.length} enrolled, ${r.refused.length} refused\n`);
  }
  return { entries, people };
}
