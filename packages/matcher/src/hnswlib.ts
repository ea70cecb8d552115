// The one place that loads hnswlib-wasm, hiding what it needs outside a browser (window, IndexedDB).
import { MatcherError } from './errors.ts';

/** The subset of hnswlib-wasm's HierarchicalNSW binding the matcher uses. */
export interface NativeHnsw {
  initIndex(maxElements: number, m: number, efConstruction: number, randomSeed: number): void;
  readIndex(filename: string, maxElements: number): Promise<boolean> | boolean | void;
  writeIndex(filename: string): Promise<boolean> | boolean | void;
  resizeIndex(newMaxElements: number): void;
  addPoint(point: Float32Array, label: number, replaceDeleted: boolean): void;
  addPoints(points: readonly Float32Array[], labels: readonly number[], replaceDeleted: boolean): void;
  markDelete(label: number): void;
  unmarkDelete(label: number): void;
  searchKnn(query: Float32Array, k: number, filter: ((label: number) => boolean) | undefined): { distances: number[]; neighbors: number[] };
  getPoint(label: number): ArrayLike<number>;
  getMaxElements(): number;
  getCurrentCount(): number;
  setEfSearch(ef: number): void;
  getEfSearch(): number;
  delete(): void;
}

export interface HnswLibrary {
  createIndex(dim: number): NativeHnsw;
  /** True when hnswlib's virtual file system holds `filename` (after `syncFromStorage`). */
  fileExists(filename: string): boolean;
  /** Pull the persisted files from IndexedDB into the virtual file system. */
  syncFromStorage(): Promise<void>;
  /** Push the virtual file system's files to IndexedDB. */
  syncToStorage(): Promise<void>;
  /** Turn an exception thrown by the wasm module into readable text. */
  describe(error: unknown): string;
}

interface RawModule {
  HierarchicalNSW: new (space: 'ip', dim: number, autoSaveFilename: string) => NativeHnsw;
  EmscriptenFileSystemManager: { checkFileExists(name: string): boolean };
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
  let sync: (action: 'read' | 'write') => Promise<void>;
  try {
    const mod = await import('hnswlib-wasm/dist/hnswlib.js');
    raw = (await mod.loadHnswlib()) as unknown as RawModule;
    sync = mod.syncFileSystem;
  } finally {
    if (addedWindow) delete g.window;
  }
  return {
    createIndex: (dim) => new raw.HierarchicalNSW('ip', dim, ''),
    fileExists: (name) => raw.EmscriptenFileSystemManager.checkFileExists(name),
    syncFromStorage: () => serialised(() => sync('read')),
    syncToStorage: () => serialised(() => sync('write')),
    describe: (error) => describeWasmError(raw, error),
  };
}

// hnswlib keeps a single completion callback for file-system syncs, so two at once could leave
// one promise forever pending: run them one after another, each with a deadline.
const SYNC_TIMEOUT_MS = 15_000;
let syncChain: Promise<unknown> = Promise.resolve();

function serialised(op: () => Promise<void>): Promise<void> {
  const run = syncChain.then(() => withDeadline(op()));
  syncChain = run.catch(() => undefined);
  return run;
}

function withDeadline(p: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new MatcherError('storage-failed', `hnswlib file-system sync did not finish within ${SYNC_TIMEOUT_MS} ms`)),
      SYNC_TIMEOUT_MS,
    );
    p.then(
      () => (clearTimeout(timer), resolve()),
      (cause: unknown) => (clearTimeout(timer), reject(new MatcherError('storage-failed', `hnswlib file-system sync failed: ${String(cause)}`, { cause }))),
    );
  });
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
