// Save and reopen galleries in IndexedDB (fake-indexeddb in Node): same answers, no rebuild when
// the embeddings are unchanged, a rebuild when they changed, a coded error on a model mismatch.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Gallery, deleteSavedGallery, isMatcherError, loadGallery, openGallery, saveGallery } from '../src/index.ts';
import { SyntheticFaces } from '../src/synthetic.ts';

const MODEL = 'faceapi-resnet@1.7.15' as const;
const faces = new SyntheticFaces(128, 21);
const queries = Array.from({ length: 40 }, (_, i) => faces.sample(i % 50));
const p = { threshold: 0.9, margin: 0.02 };
let dbCount = 0;
const freshDb = () => ({ dbName: `matcher-test-${++dbCount}` });

/** Paths hnswlib's IDBFS has stored in IndexedDB. */
function hnswFilesInIndexedDb(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('/hnswlib-index');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('FILE_DATA').objectStore('FILE_DATA').getAllKeys();
      req.onsuccess = () => (open.result.close(), resolve(req.result.map(String)));
      req.onerror = () => reject(req.error);
    };
  });
}

/** Rewrites a saved gallery record in place (to simulate damage). */
function editRecord(dbName: string, key: string, edit: (record: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('galleries', 'readwrite');
      const store = tx.objectStore('galleries');
      const get = store.get(key);
      get.onsuccess = () => {
        edit(get.result);
        store.put(get.result);
      };
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('persistence', () => {
  for (const withGraph of [false, true]) {
    it(`round-trips a gallery ${withGraph ? 'with its HNSW graph' : '(exact only)'}: same answers after reload`, async () => {
      const db = freshDb();
      const options = { modelId: MODEL, exactBelow: withGraph ? 100 : Infinity };
      const g = await Gallery.create(options, faces.entries(50));
      g.remove(['S7-e0', 'S7-e1']); // freed slots must survive the trip
      const before = queries.map((q) => g.identify(q, p));
      const info = await saveGallery(g, { key: 'class-1', revision: 42 }, db);
      expect(info).toMatchObject({ revision: 42, embeddings: 248, hasGraph: withGraph });
      // The graph really reached IndexedDB (hnswlib's file store), not only wasm memory.
      expect((await hnswFilesInIndexedDb()).some((f) => f.endsWith('.hnsw'))).toBe(withGraph);
      g.dispose();

      const loaded = await loadGallery('class-1', options, db);
      expect(loaded).not.toBeNull();
      expect(loaded!.graph).toBe(withGraph ? 'loaded' : 'none');
      expect(loaded!.info.fingerprint).toBe(info.fingerprint);
      expect(loaded!.gallery.size).toBe(248);
      expect(queries.map((q) => loaded!.gallery.identify(q, p))).toEqual(before);
      // Still incremental after a reload: a new student lands in a freed slot.
      loaded!.gallery.add(faces.entries(1, 2, 77));
      expect(loaded!.gallery.exportState().live.length).toBe(250);
      expect(loaded!.gallery.identify(faces.sample(77), p)).toMatchObject({ studentId: 'S77' });
    });
  }

  it('reopens from cache when the embedding set is unchanged, rebuilds when it changed', async () => {
    const db = freshDb();
    const options = { modelId: MODEL, exactBelow: 100 };
    const entries = faces.entries(30);
    const first = await openGallery({ key: 'k', revision: 1, entries, options }, db);
    expect(first).toMatchObject({ source: 'built', reason: 'missing' });

    const again = await openGallery({ key: 'k', revision: 2, entries: [...entries].reverse(), options }, db);
    expect(again).toMatchObject({ source: 'cache', reason: null, graph: 'loaded' });
    expect(again.info.revision).toBe(2);
    expect((await loadGallery('k', options, db))!.info.revision).toBe(2);

    const changed = await openGallery({ key: 'k', revision: 3, entries: entries.slice(1), options }, db);
    expect(changed).toMatchObject({ source: 'built', reason: 'embeddings-changed' });
    expect(changed.gallery.has(entries[0]!.embeddingId)).toBe(false);

    const other = await openGallery({ key: 'k', revision: 3, entries: new SyntheticFaces(1024, 1).entries(2), options: { modelId: 'human-faceres@3.3.6' } }, db);
    expect(other).toMatchObject({ source: 'built', reason: 'model-changed' });
    expect(other.gallery.dim).toBe(1024);
  });

  it('rebuilds the graph when the saved graph does not match the saved vectors', async () => {
    const db = freshDb();
    const options = { modelId: MODEL, exactBelow: 100 };
    const g = await Gallery.create(options, faces.entries(30));
    await saveGallery(g, { key: 'stale', revision: 1 }, db);
    // As if a crash left a graph from another save: the record's vectors no longer match it.
    await editRecord(db.dbName, 'stale', (r) => {
      const { vectors } = (r as { state: { vectors: Float32Array } }).state;
      vectors.set(faces.sample(3), 0);
    });
    const loaded = await loadGallery('stale', options, db);
    expect(loaded!.graph).toBe('rebuilt');
    expect(loaded!.gallery.identify(faces.sample(12), p)).toMatchObject({ studentId: 'S12' });
  });

  it('refuses to load a snapshot as another model, with a coded error', async () => {
    const db = freshDb();
    const g = await Gallery.create({ modelId: MODEL }, faces.entries(3));
    await saveGallery(g, { key: 'm', revision: null }, db);
    await expect(loadGallery('m', { modelId: 'human-faceres@3.3.6' }, db)).rejects.toSatisfy((e: unknown) => isMatcherError(e, 'model-mismatch'));
  });

  it('returns null for a missing or deleted snapshot', async () => {
    const db = freshDb();
    expect(await loadGallery('nothing', { modelId: MODEL }, db)).toBeNull();
    const g = await Gallery.create({ modelId: MODEL }, faces.entries(1));
    await saveGallery(g, { key: 'gone', revision: 1 }, db);
    await deleteSavedGallery('gone', db);
    expect(await loadGallery('gone', { modelId: MODEL }, db)).toBeNull();
  });
});
