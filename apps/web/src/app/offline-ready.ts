// Whether this device can open and run Rollcall with no network: the service worker controls the
// page and its cache holds the shell, every built file and every model file. The status bar shows
// it, so a teacher knows before the Wi-Fi goes whether the camera will still work; while online,
// the worker is asked to fetch whatever is missing (a file that failed at install, or the files
// of a newer deployment).
import { Store } from './store.ts';

export type OfflineReadiness = { state: 'unsupported' } | { state: 'preparing'; cached: number; needed: number } | { state: 'ready'; needed: number };

/** Every path the app needs offline, from the build's asset list and the model manifest. */
export function neededFiles(assets: readonly string[], modelFiles: readonly string[]): string[] {
  return [...new Set(['/index.html', '/models/manifest.json', ...assets, ...modelFiles.map((f) => `/models/${f}`)])];
}

/** Ready only when the page is controlled (so its own later fetches go through the worker) and nothing is missing. */
export function readiness(controlled: boolean, needed: readonly string[], cached: ReadonlySet<string>): OfflineReadiness {
  const have = needed.filter((p) => cached.has(p)).length;
  return controlled && needed.length > 0 && have === needed.length
    ? { state: 'ready', needed: needed.length }
    : { state: 'preparing', cached: have, needed: needed.length };
}

async function check(): Promise<OfflineReadiness> {
  if (!supported || !('caches' in window)) return { state: 'unsupported' };
  const json = async <T>(url: string): Promise<T | null> => {
    const res = await fetch(url).catch(() => null);
    return res?.ok ? ((await res.json()) as T) : null;
  };
  const [assets, manifest] = await Promise.all([json<string[]>('/asset-list.json'), json<{ files: { file: string }[] }>('/models/manifest.json')]);
  const needed =
    assets && manifest
      ? neededFiles(
          assets,
          manifest.files.map((f) => f.file),
        )
      : [];
  const hits = await Promise.all(needed.map(async (p) => ((await caches.match(p)) ? p : null)));
  return readiness(navigator.serviceWorker.controller !== null, needed, new Set(hits.filter((p): p is string => p !== null)));
}

const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator && import.meta.env.PROD;
export const offlineReadiness = new Store<OfflineReadiness>(supported ? { state: 'preparing', cached: 0, needed: 0 } : { state: 'unsupported' });

let started = false;
/** Checks now and keeps checking: every 2 s until ready, then every minute (a new deployment may add files). */
export function watchOfflineReadiness(): void {
  if (started) return;
  started = true;
  let lastAsk = 0;
  const tick = async () => {
    const next = await check().catch((): OfflineReadiness => ({ state: 'preparing', cached: 0, needed: 0 }));
    offlineReadiness.set(next);
    if (next.state === 'unsupported') return;
    const worker = navigator.serviceWorker.controller;
    // The worker's install already tried every file; ask again for the missing ones at most every 10 s.
    if (next.state === 'preparing' && worker && navigator.onLine && Date.now() - lastAsk > 10_000) {
      lastAsk = Date.now();
      worker.postMessage({ type: 'precache-missing' });
    }
    setTimeout(() => void tick(), next.state === 'ready' ? 60_000 : 2_000);
  };
  if ('serviceWorker' in navigator) navigator.serviceWorker.addEventListener('controllerchange', () => void check().then((r) => offlineReadiness.set(r)));
  void tick();
}
