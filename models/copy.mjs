#!/usr/bin/env node
// Copies the model files listed in models/manifest.json out of their npm packages into the
// places Rollcall reads them from (models/dist for Node, apps/web/public/models for the web app),
// checking each file's sha256. `--update` rewrites the hashes from the installed packages.
// As a postinstall step (`--postinstall`) it warns instead of failing, so an install never breaks.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const manifestPath = join(here, 'manifest.json');
const targets = [join(here, 'dist'), join(root, 'apps/web/public/models')];
const args = new Set(process.argv.slice(2));
const lenient = args.has('--postinstall');

// Resolved from the face package, which depends on every package the models come from.
const requireFromFace = createRequire(join(root, 'packages/face/package.json'));

function packageDir(name) {
  // Some packages' "exports" hide package.json, so resolve the main file and walk up.
  let dir = dirname(requireFromFace.resolve(name));
  while (dir !== dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).name === name) return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the folder of ${name}`);
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function main() {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const problems = [];
  for (const entry of manifest.files) {
    let dir;
    try {
      // "rollcall": a file this repository ships itself (the converted MiniFASNet networks), by path from its root.
      dir = entry.package === 'rollcall' ? root : packageDir(entry.package);
    } catch (e) {
      problems.push(`${entry.file}: ${entry.package} is not installed (${e.message})`);
      continue;
    }
    const version = entry.package === 'rollcall' ? 'local' : JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    const src = join(dir, entry.path);
    if (!existsSync(src)) {
      problems.push(`${entry.file}: missing in ${entry.package}@${version} (${entry.path})`);
      continue;
    }
    const bytes = readFileSync(src);
    if (args.has('--update')) {
      entry.version = version;
      entry.sha256 = sha256(bytes);
      entry.bytes = bytes.length;
    } else if (version !== entry.version || sha256(bytes) !== entry.sha256) {
      problems.push(`${entry.file}: ${entry.package}@${version} does not match the manifest (${entry.version}, sha256 ${entry.sha256.slice(0, 12)}...)`);
      continue;
    }
    for (const t of targets) {
      mkdirSync(t, { recursive: true });
      copyFileSync(src, join(t, entry.file));
    }
  }
  if (args.has('--update')) writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  // The manifest travels with the files so loaders can verify what they read.
  for (const t of targets) {
    mkdirSync(t, { recursive: true });
    copyFileSync(manifestPath, join(t, 'manifest.json'));
  }
  if (problems.length > 0) {
    console.error(`models: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exitCode = lenient ? 0 : 1;
    return;
  }
  console.log(`models: ${manifest.files.length} files copied to ${targets.map((t) => t.slice(root.length + 1)).join(', ')}`);
}

try {
  main();
} catch (e) {
  console.error(`models: ${e instanceof Error ? e.message : e}`);
  process.exitCode = lenient ? 0 : 1;
}
