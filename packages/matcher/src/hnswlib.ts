// The one place that loads hnswlib-wasm, hiding what it needs outside a browser (window, IndexedDB).
import { MatcherError } from './errors.ts';

/** The subset of hnswlib-wasm's HierarchicalNSW binding the matcher uses. */
export interface NativeHnsw {
  initIndex(maxElements: number, m: number, efConstruction: number, randomSeed: number): void;
  resizeIndex(newMaxElements: number): void;
  addPoint(point: Float32Array, label: number, replaceDeleted: boolean): void;
  addPoints(points: readonly Float32Array[], labels: readonly number[], replaceDeleted: boolean): void;
  markDelete(label: number): void;
  unmarkDelete(label: number): void;
  searchKnn(query: Float32Array, k: number, filter: ((label: number) => boolean) | undefined): { distances: number[]; neighbors: number[] };
  getMaxElements(): number;
  getCurrentCount(): number;
  setEfSearch(ef: number): void;
  getEfSearch(): number;
  delete(): void;
}

export interface HnswLibrary {
  createIndex(dim: number): NativeHnsw;
  /** Turn an exception thrown by the wasm module into readable text. */
  describe(error: unknown): string;
}

interface RawModule {
  HierarchicalNSW: new (space: 'ip', dim: number, autoSaveFilename: string) => NativeHnsw;
  getExceptionMessage?: (e: unknown) => [string, string] | string;
}

let loading: Promise<HnswLibrary> | undefined;

/** Loads hnswlib-wasm once per process (browser, worker or Node). */
export function loadHnswLibrary(): Promise<HnswLibrary> {
  loading ??= load().catch((cause: unknown) => {
    loading = undefined;
    throw new MatcherError('index-failed', `hnswlib-wasm failed to load: ${String(cause)}`, { cause });
  });
  return loading;
}

async function load(): Promise<HnswLibrary> {
  const g = globalThis as { window?: unknown; indexedDB?: unknown };
  // hnswlib mounts an IndexedDB-backed file system at start-up; Node has no IndexedDB.
  if (g.indexedDB === undefined) await import('fake-indexeddb/auto');
  // Its Emscripten build refuses to start unless `window` exists, but only checks at start-up:
  // define it for the load and remove it again, so other code (e.g. Human) still sees Node.
  const addedWindow = g.window === undefined;
  if (addedWindow) g.window = globalThis;
  let raw: RawModule;
  try {
    const mod = await import('hnswlib-wasm/dist/hnswlib.js');
    raw = (await mod.loadHnswlib()) as unknown as RawModule;
  } finally {
    if (addedWindow) delete g.window;
  }
  return {
    createIndex: (dim) => new raw.HierarchicalNSW('ip', dim, ''),
    describe: (error) => describeWasmError(raw, error),
  };
}

function describeWasmError(raw: RawModule, error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    const msg = raw.getExceptionMessage?.(error);
    if (Array.isArray(msg)) return msg.filter(Boolean).join(': ');
    if (typeof msg === 'string') return msg;
  } catch {
    // Not a C++ exception: fall through to the generic text.
  }
  return String(error);
}
