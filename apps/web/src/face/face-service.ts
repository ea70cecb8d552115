// Loads the face engine once per page, in its worker, with a real progress bar: the model files
// (listed in the manifest the copy script wrote) are fetched here first, counting bytes, and handed
// to the worker, which therefore never downloads them again (an untrusted certificate leaves the
// browser no HTTP cache to share them through); the service worker keeps them for offline use.
import { DEFAULT_PIPELINE, isFaceError, modelFiles, parseManifest, type FaceErrorCode } from '@rollcall/face';
import type { BackendRequest, EngineMode } from '@rollcall/face/browser';
import { Store } from '../core/store.ts';
import { faceNoteText, type FaceNote } from './engine-notes.ts';
import { FaceWorkerClient } from './face-client.ts';
import type { Preloaded } from './preloaded-fetch.ts';
import { t } from '../core/i18n.ts';

export interface FaceStatus {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** 0..1 of the model bytes fetched. */
  progress: number;
  /** Model bytes downloaded so far and in all, while loading: the status bar's "4 of 11 MB". */
  loadedBytes: number;
  totalBytes: number;
  /** While loading: downloading the models, or starting the engine with them. */
  phase: 'downloading' | 'starting' | null;
  backend: string | null;
  /** How the engine runs (backend, why, threads, SIMD, isolation): for any page's Details section. */
  mode: EngineMode | null;
  /** Workers replaced after a crash since the page opened. */
  restarts: number;
  /** The engine's latest note (a backend decision), or the page's own when the worker restarted. */
  notice: FaceNote | null;
  error: string | null;
  /** The engine's code for `error`, so it is said in the reader's language (null: no code). */
  errorCode: FaceErrorCode | null;
}

export const faceStatus = new Store<FaceStatus>({
  status: 'idle',
  progress: 0,
  loadedBytes: 0,
  totalBytes: 0,
  phase: null,
  backend: null,
  mode: null,
  restarts: 0,
  notice: null,
  error: null,
  errorCode: null,
});

const MODEL_BASE = '/models/';
let loading: Promise<FaceWorkerClient> | null = null;

/** Downloads the model files once, counting bytes for the progress bar; their bytes by absolute URL, for the worker. */
async function prefetch(files: string[]): Promise<Preloaded> {
  const manifest = parseManifest(await (await fetch(`${MODEL_BASE}manifest.json`)).json());
  const total = files.reduce((s, f) => s + (manifest.files.find((m) => m.file === f)?.bytes ?? 0), 0) || 1;
  faceStatus.set((s) => ({ ...s, totalBytes: total }));
  let done = 0;
  const bytes = new Map<string, ArrayBuffer>();
  await Promise.all(
    files.map(async (file) => {
      const url = new URL(MODEL_BASE + file, location.href).href;
      const res = await fetch(url);
      if (!res.ok || !res.body)
        throw new Error(t({ id: 'face.modelMissing', defaultMessage: 'model file {file} is missing ({status})' }, { file, status: String(res.status) }));
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        chunks.push(value);
        done += value.byteLength;
        faceStatus.set((s) => ({ ...s, loadedBytes: Math.min(done, total), progress: Math.min(0.95, done / total) }));
      }
      bytes.set(url, await new Blob(chunks as BlobPart[]).arrayBuffer());
    }),
  );
  return bytes;
}

/** Words for the Details section: which backend, and on wasm how many threads and why. */
export function describeMode(mode: EngineMode): string {
  // The backend's name is a technical term from the face package, shown as it is; its notes are worded here.
  if (mode.threads === null)
    return t({ id: 'face.mode.backend', defaultMessage: '{backend} ({reason})' }, { backend: mode.backend, reason: faceNoteText(mode.note) });
  const why =
    (mode.threadsNote && faceNoteText(mode.threadsNote)) ??
    (mode.crossOriginIsolated
      ? t({ id: 'face.mode.isolated', defaultMessage: 'cross-origin isolated' })
      : t({ id: 'face.mode.notIsolated', defaultMessage: 'not cross-origin isolated' }));
  return t(
    {
      id: 'face.mode.wasm',
      defaultMessage: 'wasm{simd, select, yes { SIMD} other {}}, {threads, plural, one {# thread} other {# threads}}, in a worker ({why})',
    },
    { simd: mode.simd ? 'yes' : 'no', threads: mode.threads, why },
  );
}

/**
 * The page's one face engine, running in a worker. The first call's backend holds until a reload;
 * a failed load is forgotten, so the next call tries again.
 */
export function loadFaceEngine(backend: BackendRequest = 'auto'): Promise<FaceWorkerClient> {
  loading ??= (async () => {
    faceStatus.set((s) => ({
      ...s,
      status: 'loading',
      phase: 'downloading',
      progress: 0,
      loadedBytes: 0,
      backend: null,
      mode: null,
      notice: null,
      error: null,
      errorCode: null,
    }));
    try {
      const preloaded = await prefetch(modelFiles(DEFAULT_PIPELINE.model));
      faceStatus.set((s) => ({ ...s, phase: 'starting' }));
      const client = new FaceWorkerClient({
        backend,
        modelBaseUrl: MODEL_BASE,
        preloaded,
        onNotice: (notice) => faceStatus.set((s) => ({ ...s, notice })),
        onReady: (mode) => faceStatus.set((s) => ({ ...s, status: 'ready', phase: null, progress: 1, backend: mode.backend, mode })),
        onCrash: (message) =>
          faceStatus.set((s) => ({
            ...s,
            restarts: s.restarts + 1,
            notice: { code: 'restarting', values: { message } },
          })),
      });
      await client.start();
      return client;
    } catch (err) {
      loading = null;
      faceStatus.set((s) => ({
        ...s,
        status: 'error',
        phase: null,
        error: err instanceof Error ? err.message : String(err),
        errorCode: isFaceError(err) ? err.code : null,
      }));
      throw err;
    }
  })();
  return loading;
}
