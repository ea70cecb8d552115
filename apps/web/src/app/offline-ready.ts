// Whether this device can open and run Rollcall with no network: the service worker controls the
// page and its cache holds the shell, every built file and every model file. The status bar shows
// it, so a teacher knows before the Wi-Fi goes whether the camera will still work. It always
// settles: ready, or a reason (the worker could not be registered and why, no storage, files that
// did not download, or still not ready a minute on); while online, the worker is asked again for
// whatever is missing (a file that failed at install, or the files of a newer deployment).
import { Store } from '../core/store.ts';
import { t, translator } from '../core/i18n.ts';

export interface OfflineProblem {
  kind: 'certificate' | 'storage' | 'browser' | 'registration' | 'file' | 'slow';
  /** The browser's own words or the files concerned: for Details, not the status line. */
  detail: string;
}

export type OfflineReadiness =
  | { state: 'unsupported' }
  | { state: 'preparing'; cached: number; needed: number }
  | { state: 'ready'; needed: number }
  | { state: 'unavailable'; problem: OfflineProblem; cached: number; needed: number };

/** A first visit downloads about 40 MB; past this, the status line says it is still not ready and why. */
export const SETTLE_MS = 60_000;

/** A file the worker could not save, and the browser's reason. */
export interface FailedFile {
  url: string;
  error: string;
}

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

const describe = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
const isStorage = (text: string) => /QuotaExceeded|quota|storage/i.test(text);

/** Why registering the service worker failed, as a problem the status line can name. */
export function registrationProblem(err: unknown): OfflineProblem {
  const detail = describe(err);
  if (/certificate|SSL/i.test(detail)) return { kind: 'certificate', detail };
  if (isStorage(detail)) return { kind: 'storage', detail };
  return { kind: 'registration', detail };
}

/** A check still preparing becomes a reason: files the worker could not save, or a minute gone by. */
export function settle(r: OfflineReadiness, failed: readonly FailedFile[], preparingForMs: number): OfflineReadiness {
  if (r.state !== 'preparing') return r;
  const { cached, needed } = r;
  if (failed.some((f) => isStorage(f.error)))
    return { state: 'unavailable', problem: { kind: 'storage', detail: failed.map((f) => f.error).join('; ') }, cached, needed };
  if (failed.length) {
    const files = translator().intl.formatList(
      failed.map((f) => `${f.url} (${f.error})`),
      { type: 'unit', style: 'short' },
    );
    const detail = t({ id: 'app.offline.notDownloaded', defaultMessage: 'Not downloaded: {files}' }, { files });
    return { state: 'unavailable', problem: { kind: 'file', detail }, cached, needed };
  }
  if (preparingForMs >= SETTLE_MS)
    return {
      state: 'unavailable',
      problem: {
        kind: 'slow',
        detail: t(
          { id: 'app.offline.slowDetail', defaultMessage: '{cached} of {needed, plural, one {# file} other {# files}} saved so far' },
          { cached, needed },
        ),
      },
      cached,
      needed,
    };
  return r;
}

async function check(): Promise<OfflineReadiness> {
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

const production = typeof navigator !== 'undefined' && import.meta.env.PROD;
export const offlineReadiness = new Store<OfflineReadiness>(production ? { state: 'preparing', cached: 0, needed: 0 } : { state: 'unsupported' });

const unavailable = (problem: OfflineProblem): OfflineReadiness => ({ state: 'unavailable', problem, cached: 0, needed: 0 });

let started = false;
/**
 * Registers the service worker (production builds only) and keeps checking: every 2 s until
 * ready, then every minute (a new deployment may add files). A failed registration settles at once.
 */
export function startOfflineSupport(): void {
  if (started || !production) return;
  started = true;
  if (!('serviceWorker' in navigator) || !('caches' in window)) {
    offlineReadiness.set(
      unavailable({ kind: 'browser', detail: t({ id: 'app.offline.noWorker', defaultMessage: 'No service worker or Cache Storage in this browser' }) }),
    );
    return;
  }
  let failed: FailedFile[] = [];
  let broken: OfflineProblem | null = null;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string; failed?: FailedFile[] }>) => {
    if (event.data?.type === 'precache-result') failed = event.data.failed ?? [];
  });
  navigator.serviceWorker.startMessages();
  // The worker caches the whole app and the models when it installs (apps/web/build/sw.js, written into dist by the build).
  navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
    broken = registrationProblem(err);
    offlineReadiness.set(unavailable(broken));
  });

  let lastAsk = 0;
  let preparingSince = Date.now();
  const update = async (): Promise<OfflineReadiness | null> => {
    const checked = await check().catch((err: unknown): OfflineReadiness =>
      isStorage(describe(err)) ? unavailable({ kind: 'storage', detail: describe(err) }) : { state: 'preparing', cached: 0, needed: 0 },
    );
    if (broken) return null;
    if (checked.state !== 'preparing') preparingSince = Date.now();
    const next = settle(checked, failed, Date.now() - preparingSince);
    offlineReadiness.set(next);
    const worker = navigator.serviceWorker.controller;
    // The worker's install already tried every file; ask again for the missing ones at most every 10 s.
    if (next.state !== 'ready' && worker && navigator.onLine && Date.now() - lastAsk > 10_000) {
      lastAsk = Date.now();
      worker.postMessage({ type: 'precache-missing' });
    }
    return next;
  };
  const loop = async () => {
    const next = await update();
    if (next) setTimeout(() => void loop(), next.state === 'ready' ? 60_000 : 2_000);
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => void update());
  void loop();
}
