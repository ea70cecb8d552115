// Loads the face pipeline once per page, with a real progress bar: the model files (listed in the
// manifest the copy script wrote) are fetched first, so the engine then reads them from cache,
// and the service worker keeps them for offline use.
import { DEFAULT_PIPELINE, modelFiles, parseManifest, type FaceEngine } from '@rollcall/face';
import type { BrowserEngineOptions } from '@rollcall/face/browser';
import { Store } from '../app/store.ts';

export interface FaceStatus {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** 0..1 of the model bytes fetched. */
  progress: number;
  backend: string | null;
  notice: string | null;
  error: string | null;
}

export const faceStatus = new Store<FaceStatus>({ status: 'idle', progress: 0, backend: null, notice: null, error: null });

type BackendRequest = NonNullable<BrowserEngineOptions['backend']>;

const MODEL_BASE = '/models/';
let loading: Promise<FaceEngine> | null = null;

async function prefetch(files: string[]) {
  const manifest = parseManifest(await (await fetch(`${MODEL_BASE}manifest.json`)).json());
  const total = files.reduce((s, f) => s + (manifest.files.find((m) => m.file === f)?.bytes ?? 0), 0) || 1;
  let done = 0;
  await Promise.all(
    files.map(async (file) => {
      const res = await fetch(MODEL_BASE + file);
      if (!res.ok || !res.body) throw new Error(`model file ${file} is missing (${res.status})`);
      const reader = res.body.getReader();
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        done += value.byteLength;
        faceStatus.set((s) => ({ ...s, progress: Math.min(0.95, done / total) }));
      }
    }),
  );
}

/** The page's one engine. tfjs's backend is global to the page, so the first call's backend holds until a reload; a failed load is forgotten, so the next call tries again. */
export function loadFaceEngine(backend: BackendRequest = 'auto'): Promise<FaceEngine> {
  loading ??= (async () => {
    faceStatus.set({ status: 'loading', progress: 0, backend: null, notice: null, error: null });
    try {
      await prefetch(modelFiles(DEFAULT_PIPELINE.model));
      const { createBrowserFaceEngine } = await import('@rollcall/face/browser');
      const engine = await createBrowserFaceEngine({
        modelBaseUrl: MODEL_BASE,
        backend,
        verify: false, // prefetch already read every file; the engine's own check would read them again
        onNotice: (notice) => faceStatus.set((s) => ({ ...s, notice })),
      });
      faceStatus.set((s) => ({ ...s, status: 'ready', progress: 1, backend: engine.backend }));
      return engine;
    } catch (err) {
      loading = null;
      faceStatus.set((s) => ({ ...s, status: 'error', error: err instanceof Error ? err.message : String(err) }));
      throw err;
    }
  })();
  return loading;
}
