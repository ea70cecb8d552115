// Reads an evaluation folder: `<identity>/<photo>`, or a labels.csv (path,identity) beside it
// that overrides folder names, plus an optional pairs.csv (path_a,path_b,same).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

export interface LabelledPhoto {
  /** Path relative to the folder. */
  path: string;
  identity: string;
}

export interface LabelledPair {
  a: string;
  b: string;
  same: boolean;
}

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.pgm', '.bmp', '.tif', '.tiff']);

/** Minimal CSV: comma separated, optional double quotes, header row skipped. */
export function parseCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(1)
    .map((line) => line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
}

function walk(dir: string, root: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name.startsWith('_')) continue; // _groups: photos of several people
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, root, out);
    else if (IMAGE_EXT.has(extname(name).toLowerCase())) out.push(relative(root, p));
  }
}

/** Photos with one labelled person each; group photos (identity `_group`) are left out. */
export function readPhotos(folder: string): LabelledPhoto[] {
  const labels = join(folder, 'labels.csv');
  if (existsSync(labels)) {
    return parseCsv(readFileSync(labels, 'utf8'))
      .filter((r) => r.length >= 2 && r[1] !== '_group')
      .map(([path, identity]) => ({ path: path!, identity: identity! }));
  }
  const files: string[] = [];
  walk(folder, folder, files);
  return files.filter((f) => f.includes('/')).map((f) => ({ path: f, identity: f.split('/')[0]! }));
}

export function readPairs(folder: string): LabelledPair[] {
  const file = join(folder, 'pairs.csv');
  if (!existsSync(file)) return [];
  return parseCsv(readFileSync(file, 'utf8'))
    .filter((r) => r.length >= 3)
    .map(([a, b, same]) => ({ a: a!, b: b!, same: same === '1' || same?.toLowerCase() === 'true' }));
}

/** The sets (folders with a labels.csv) under a folder of sets, or the folder itself. */
export function photoSets(folder: string): string[] {
  if (existsSync(join(folder, 'labels.csv'))) return [folder];
  const sets = readdirSync(folder)
    .filter((n) => !n.startsWith('.') && existsSync(join(folder, n, 'labels.csv')))
    .sort()
    .map((n) => join(folder, n));
  return sets.length ? sets : [folder];
}
