// What the build writes for offline use: asset-list.json (every built file, for the service
// worker to cache at install and for the status bar to check) and sw.js, whose cache name is a
// hash of this build's files and models. A worker that never changed would keep serving old model
// files under their unchanged names after a deployment; a new name makes a new worker.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const PLACEHOLDER = '__BUILD_ID__';

/** The id of a build: its (content-hashed) file names and the model manifest (with each file's sha256). */
export function buildId(files: readonly string[], modelManifest: string): string {
  return createHash('sha256')
    .update(JSON.stringify([...files].sort()))
    .update('\0')
    .update(modelManifest)
    .digest('hex')
    .slice(0, 16);
}

export function serviceWorkerSource(template: string, id: string): string {
  if (!template.includes(PLACEHOLDER)) throw new Error(`the service worker template has no ${PLACEHOLDER}`);
  return template.replaceAll(PLACEHOLDER, id);
}

export function offlineFiles(): Plugin {
  const template = new URL('./sw.js', import.meta.url);
  const manifest = new URL('../public/models/manifest.json', import.meta.url);
  return {
    name: 'rollcall-offline-files',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'index.html')
        .map((f) => `/${f}`);
      // Without copied models (models/copy.mjs runs at install) the build still works, for a worker that caches no models.
      const id = buildId(files, existsSync(manifest) ? readFileSync(manifest, 'utf8') : '');
      this.emitFile({ type: 'asset', fileName: 'asset-list.json', source: JSON.stringify(files) });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(readFileSync(template, 'utf8'), id) });
    },
  };
}
