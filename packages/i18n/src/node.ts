// The catalogues on disk, for Node (the API, the CLI, the catalogue check): every `<tag>.json` in a
// messages folder is a language. The browser finds the same files through its bundler instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from './translator.ts';

/** Each language's catalogue in `dir`, by tag (from the file name). */
export function readCatalogues(dir: string | URL): Map<string, Catalogue> {
  if (typeof dir !== 'string') dir = fileURLToPath(dir);
  const out = new Map<string, Catalogue>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    out.set(file.slice(0, -'.json'.length), JSON.parse(readFileSync(join(dir as string, file), 'utf8')) as Catalogue);
  }
  return out;
}

/** The messages folder of this package, in the source tree. */
export const MESSAGES_DIR = new URL('../messages/', import.meta.url);
