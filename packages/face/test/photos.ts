// Test helper: finds the labelled photos in ../shared/faces (or FACES_DIR) and makes degraded
// variants of them in memory. Nothing derived from a photo is ever written to disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const FACES_DIR = resolve(process.env.FACES_DIR ?? join(repoRoot, '../shared/faces'));
export const HAVE_FACES = existsSync(FACES_DIR) && statSync(FACES_DIR).isDirectory();

if (!HAVE_FACES) {
  console.warn(`[@rollcall/face] skipping photo tests: no face photos at ${FACES_DIR} (set FACES_DIR to a folder of <set>/<identity>/<photo>)`);
}

/** Photos of one set, `<identity>/<file>` in name order; group photos left out. */
export function setPhotos(set: string): string[] {
  const dir = join(FACES_DIR, set);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const id of readdirSync(dir).sort()) {
    const p = join(dir, id);
    if (id.startsWith('_') || !statSync(p).isDirectory()) continue;
    for (const f of readdirSync(p).sort()) if (/\.(jpe?g|png|gif|webp)$/i.test(f)) out.push(join(p, f));
  }
  return out;
}

export const readPhoto = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
