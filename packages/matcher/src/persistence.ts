// Saves a gallery in IndexedDB and reopens it at start-up without re-embedding or re-inserting:
// vectors and membership in our own record, the HNSW graph in hnswlib's own file system.
import { isModelId, modelDim } from '@rollcall/contracts';
import { MatcherError } from './errors.ts';
import { galleryFingerprint } from './fingerprint.ts';
import { Gallery, type GalleryEntry, type GalleryOptions, type GalleryState } from './gallery.ts';
import { DEFAULT_HNSW_PARAMS, HnswIndex } from './hnsw-index.ts';
import { loadHnswLibrary } from './hnswlib.ts';

export interface StorageOptions {
  /** IndexedDB database name (default 'rollcall-matcher'). */
  dbName?: string;
  /** An IndexedDB factory; defaults to the global one (a fake one in Node). */
  indexedDB?: IDBFactory;
}

/** The sync revision the gallery's embeddings were read at (whatever the sync layer counts in). */
export type Revision = string | number | null;

interface SnapshotRecord {
  format: 1;
  key: string;
  modelId: string;
  dim: number;
  revision: Revision;
  fingerprint: string;
  state: Pick<GalleryState, 'vectors' | 'live' | 'owners'>;
  graph: { file: string; elements: number } | null;
  savedAt: number;
}

export interface SnapshotInfo {
  key: string;
  modelId: string;
  revision: Revision;
  fingerprint: string;
  embeddings: number;
  hasGraph: boolean;
  savedAt: number;
}

export interface LoadedGallery {
  gallery: Gallery;
  info: SnapshotInfo;
  /** 'loaded': graph read back; 'rebuilt': graph missing or stale, rebuilt from the vectors; 'none': no graph needed. */
  graph: 'loaded' | 'rebuilt' | 'none';
}

export type OpenReason = 'missing' | 'model-changed' | 'embeddings-changed' | 'unreadable';

export interface OpenedGallery extends LoadedGallery {
  /** 'cache': reopened from the snapshot; 'built': built from `entries` (and saved), see `reason`. */
  source: 'cache' | 'built';
  reason: OpenReason | null;
}

const STORE = 'galleries';

/** Saves the gallery (and its HNSW graph, if it has one) under `key`, replacing what was there. */
export async function saveGallery(gallery: Gallery, meta: { key: string; revision: Revision }, options: StorageOptions = {}): Promise<SnapshotInfo> {
  const state = gallery.exportState();
  const fingerprint = galleryFingerprint(gallery.modelId, state.owners.flatMap((o) => (o ? [o] : [])));
  let graph: SnapshotRecord['graph'] = null;
  if (gallery.graph) {
    const file = graphFileName(options.dbName ?? DEFAULT_DB, meta.key);
    await gallery.graph.save(file);
    graph = { file, elements: gallery.graph.elementCount };
  }
  const record: SnapshotRecord = {
    format: 1,
    key: meta.key,
    modelId: gallery.modelId,
    dim: gallery.dim,
    revision: meta.revision,
    fingerprint,
    state: { vectors: state.vectors, live: state.live, owners: state.owners },
    graph,
    savedAt: Date.now(),
  };
  await withStore(options, 'readwrite', (store) => store.put(record));
  return infoOf(record, gallery.size);
}

/**
 * Reopens the gallery saved under `key`, or null when there is none. A snapshot of another model
 * is a `model-mismatch` error (the caller asked for a model the cache was not built with).
 */
export async function loadGallery(key: string, galleryOptions: GalleryOptions, options: StorageOptions = {}): Promise<LoadedGallery | null> {
  const record = await withStore(options, 'readonly', (store) => store.get(key) as IDBRequest<unknown>);
  if (record === undefined) return null;
  const snap = checkRecord(record, key);
  if (snap.modelId !== galleryOptions.modelId || snap.dim !== modelDim(galleryOptions.modelId)) {
    throw new MatcherError('model-mismatch', `gallery ${key} was saved for model ${snap.modelId} (${snap.dim}-d), not ${galleryOptions.modelId}`);
  }
  const state: GalleryState = { modelId: galleryOptions.modelId, dim: snap.dim, ...snap.state };
  const { index, outcome } = await loadGraph(snap, galleryOptions);
  const gallery = await Gallery.restore(galleryOptions, state, index);
  const graph = outcome === 'loaded' ? 'loaded' : gallery.hasIndex ? 'rebuilt' : 'none';
  return { gallery, info: infoOf(snap, gallery.size), graph };
}

/**
 * What the app calls at start-up: reopens the saved gallery when it was built from exactly these
 * embeddings with this model, otherwise builds one from `entries` and saves it.
 */
export async function openGallery(
  input: { key: string; revision: Revision; entries: readonly GalleryEntry[]; options: GalleryOptions },
  storage: StorageOptions = {},
): Promise<OpenedGallery> {
  const wanted = galleryFingerprint(input.options.modelId, input.entries.map((e) => [e.studentId, e.embeddingId] as const));
  let reason: OpenReason;
  try {
    const loaded = await loadGallery(input.key, input.options, storage);
    if (loaded && loaded.info.fingerprint === wanted) {
      if (loaded.info.revision !== input.revision) {
        // Same embeddings at a newer revision (other data changed): only the label moves on.
        await setRevision(input.key, input.revision, storage);
        loaded.info.revision = input.revision;
      }
      return { ...loaded, source: 'cache', reason: null };
    }
    loaded?.gallery.dispose();
    reason = loaded ? 'embeddings-changed' : 'missing';
  } catch (e) {
    if (e instanceof MatcherError && e.code === 'model-mismatch') reason = 'model-changed';
    else if (e instanceof MatcherError && e.code === 'corrupt-snapshot') reason = 'unreadable';
    else throw e;
  }
  const gallery = await Gallery.create(input.options, input.entries);
  const info = await saveGallery(gallery, { key: input.key, revision: input.revision }, storage);
  return { gallery, info, graph: gallery.hasIndex ? 'rebuilt' : 'none', source: 'built', reason };
}

/** Forgets a saved gallery (the graph file is overwritten by the next save under the same key). */
export async function deleteSavedGallery(key: string, options: StorageOptions = {}): Promise<void> {
  await withStore(options, 'readwrite', (store) => store.delete(key));
}

const DEFAULT_DB = 'rollcall-matcher';

async function setRevision(key: string, revision: Revision, options: StorageOptions): Promise<void> {
  const record = await withStore(options, 'readonly', (store) => store.get(key) as IDBRequest<SnapshotRecord | undefined>);
  if (record) await withStore(options, 'readwrite', (store) => store.put({ ...record, revision }));
}

async function loadGraph(snap: SnapshotRecord, options: GalleryOptions): Promise<{ index: HnswIndex | null; outcome: 'loaded' | 'missing' | 'stale' }> {
  if (!snap.graph) return { index: null, outcome: 'missing' };
  const lib = await loadHnswLibrary();
  await lib.syncFromStorage();
  if (!lib.fileExists(snap.graph.file)) return { index: null, outcome: 'missing' };
  const deleted: number[] = [];
  snap.state.live.forEach((l, s) => l || deleted.push(s));
  const params = { ...DEFAULT_HNSW_PARAMS, ...options.hnsw };
  let index: HnswIndex;
  try {
    const capacity = Math.max(1024, Math.ceil(snap.graph.elements * 1.5));
    index = await HnswIndex.load(lib, snap.dim, params, snap.graph.file, capacity, deleted);
  } catch {
    return { index: null, outcome: 'stale' };
  }
  if (index.elementCount !== snap.graph.elements || !samplesAgree(index, snap)) {
    // Written by an earlier save under this key (a crash between the two writes): rebuild.
    index.dispose();
    return { index: null, outcome: 'stale' };
  }
  return { index, outcome: 'loaded' };
}

/** Compares a few stored vectors with the graph's copies: cheap proof the graph is this snapshot's. */
function samplesAgree(index: HnswIndex, snap: SnapshotRecord): boolean {
  const { live, vectors } = snap.state;
  const liveSlots: number[] = [];
  live.forEach((l, s) => l && liveSlots.push(s));
  const picks = [liveSlots[0], liveSlots[liveSlots.length >> 1], liveSlots[liveSlots.length - 1]].filter((s): s is number => s !== undefined);
  for (const s of picks) {
    let point: Float32Array;
    try {
      point = index.point(s);
    } catch {
      return false;
    }
    for (let j = 0; j < snap.dim; j++) if (Math.abs(point[j]! - vectors[s * snap.dim + j]!) > 1e-6) return false;
  }
  return true;
}

function checkRecord(raw: unknown, key: string): SnapshotRecord {
  const r = raw as Partial<SnapshotRecord> | null;
  const ok =
    r !== null &&
    typeof r === 'object' &&
    r.format === 1 &&
    typeof r.modelId === 'string' &&
    typeof r.dim === 'number' &&
    typeof r.fingerprint === 'string' &&
    r.state !== undefined &&
    r.state.vectors instanceof Float32Array &&
    r.state.live instanceof Uint8Array &&
    Array.isArray(r.state.owners) &&
    r.state.vectors.length === r.state.live.length * r.dim &&
    r.state.owners.length === r.state.live.length;
  if (!ok) throw new MatcherError('corrupt-snapshot', `saved gallery ${key} is unreadable`);
  if (!isModelId(r.modelId!)) throw new MatcherError('model-mismatch', `saved gallery ${key} is for unknown model ${r.modelId}`);
  return r as SnapshotRecord;
}

function infoOf(r: SnapshotRecord, embeddings: number): SnapshotInfo {
  return { key: r.key, modelId: r.modelId, revision: r.revision, fingerprint: r.fingerprint, embeddings, hasGraph: r.graph !== null, savedAt: r.savedAt };
}

/** hnswlib's file names are paths in its virtual file system: keep them short and safe. */
function graphFileName(dbName: string, key: string): string {
  return `rollcall-${galleryFingerprint(dbName, [[key, key]]).split('-')[1]}.hnsw`;
}

function openDb(options: StorageOptions): Promise<IDBDatabase> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) return Promise.reject(new MatcherError('storage-failed', 'IndexedDB is not available'));
  return new Promise((resolve, reject) => {
    const req = factory.open(options.dbName ?? DEFAULT_DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new MatcherError('storage-failed', `cannot open IndexedDB: ${req.error?.message}`, { cause: req.error }));
    req.onblocked = () => reject(new MatcherError('storage-failed', 'IndexedDB upgrade blocked by another tab'));
  });
}

async function withStore<T>(options: StorageOptions, mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb(options);
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = op(tx.objectStore(STORE));
      let result: T;
      req.onsuccess = () => (result = req.result);
      tx.oncomplete = () => resolve(result);
      // QuotaExceededError lands here: the caller gets a coded error, the previous snapshot stays.
      tx.onabort = tx.onerror = () => reject(new MatcherError('storage-failed', `IndexedDB ${mode} failed: ${tx.error?.message ?? req.error?.message}`, { cause: tx.error ?? req.error }));
    });
  } finally {
    db.close();
  }
}
