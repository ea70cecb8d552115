// The compiled API (apps/api/dist/main.js) the district scenarios run, built again only when a
// source it bundles (the API and the workspace packages) is newer than it. RELIABILITY_API_DIST
// names a main.js built elsewhere instead (a clean checkout, while this tree is being edited).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'apps/api/dist/main.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

/** The compiled entry point to run, built first if it is stale. */
export function builtApi(): string {
  const elsewhere = process.env.RELIABILITY_API_DIST;
  if (elsewhere) return path.resolve(elsewhere);
  ensureBuilt();
  return DIST;
}

function ensureBuilt(): void {
  const sources = [
    path.join(ROOT, 'apps/api/src'),
    path.join(ROOT, 'apps/api/build.mjs'),
    ...fs.readdirSync(path.join(ROOT, 'packages')).map((p) => path.join(ROOT, 'packages', p, 'src')),
  ];
  const latest = Math.max(...sources.filter((s) => fs.existsSync(s)).map((s) => (fs.statSync(s).isDirectory() ? newest(s) : fs.statSync(s).mtimeMs)));
  if (fs.existsSync(DIST) && fs.statSync(DIST).mtimeMs >= latest) return;
  console.error('Building the API (pnpm --filter @rollcall/api build) ...');
  const run = spawnSync('pnpm', ['--filter', '@rollcall/api', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`the API build failed (${run.status})`);
}
