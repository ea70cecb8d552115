// hnswlib is loaded only when a gallery reaches its HNSW threshold: below it nothing imports the
// library (a page then never fetches its ~700 kB chunk), and a search never waits for the graph.
import { describe, expect, it } from 'vitest';
import { Gallery } from './gallery.ts';
import { isMatcherError } from './errors.ts';
import { SyntheticFaces } from './synthetic.ts';

const MODEL = 'faceapi-resnet@1.7.15' as const;
const FACES = new SyntheticFaces(128, 3);
// Loading hnswlib in Node installs fake-indexeddb on globalThis (hnswlib mounts an IndexedDB file
// system at start-up): the one trace the load leaves that a test can see without a mock.
const hnswlibLoaded = () => (globalThis as { indexedDB?: unknown }).indexedDB !== undefined;

describe('Gallery: hnswlib on demand', () => {
  it('never loads hnswlib below the threshold, and builds the graph once the gallery crosses it', async () => {
    expect(hnswlibLoaded()).toBe(false);
    const g = await Gallery.create({ modelId: MODEL, exactBelow: 50 }, FACES.entries(9)); // 45 embeddings
    expect(g.identify(FACES.sample(4), { threshold: 0.9, margin: 0.03 })).toMatchObject({ status: 'match', studentId: 'S4' });
    expect(g.hasIndex).toBe(false);
    expect(hnswlibLoaded()).toBe(false);
    // Forcing HNSW without a graph is a coded error, not a silent load.
    try {
      g.search(FACES.sample(1), { method: 'hnsw' });
      expect.unreachable('hnsw without a graph must throw');
    } catch (e) {
      expect(isMatcherError(e, 'index-failed')).toBe(true);
    }

    g.add(FACES.entries(1, 5, 9)); // 50: the threshold
    // The graph is built in the background; meanwhile the exact scan answers.
    expect(g.identify(FACES.sample(9), { threshold: 0.9, margin: 0.03 })).toMatchObject({ status: 'match', studentId: 'S9' });
    await g.indexed();
    expect(hnswlibLoaded()).toBe(true);
    expect(g.hasIndex).toBe(true);
    expect(g.identify(FACES.sample(9), { threshold: 0.9, margin: 0.03 }, { method: 'hnsw' })).toMatchObject({ status: 'match', studentId: 'S9' });
  });
});
