// The gallery on realistic synthetic embeddings: open-set answers, add/delete/re-add, resize,
// rosters, errors, and agreement of the exact and HNSW paths.
import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '@rollcall/contracts';
import { Gallery, isMatcherError, type MatcherErrorCode } from './index.ts';
import { SyntheticFaces } from './synthetic.ts';

const MODEL = 'faceapi-resnet@1.7.15' as const; // 128-d
const FACES = new SyntheticFaces(128, 7);

function expectCode(fn: () => unknown, code: MatcherErrorCode): void {
  try {
    fn();
  } catch (e) {
    expect(isMatcherError(e) ? e.code : e).toBe(code);
    return;
  }
  expect.unreachable(`expected a ${code} error`);
}

describe('Gallery', () => {
  it('identifies a new photo of an enrolled student and refuses a stranger', async () => {
    const g = await Gallery.create({ modelId: MODEL }, FACES.entries(20));
    const d = g.identify(FACES.sample(3), { threshold: 0.9, margin: 0.03 });
    expect(d).toMatchObject({ status: 'match', studentId: 'S3' });
    const stranger = g.identify(FACES.sample(999), { threshold: 0.9, margin: 0.03 });
    expect(stranger).toMatchObject({ status: 'unknown', reason: 'below-threshold' });
    // The review UI still gets the nearest students, best first.
    expect(stranger.candidates.length).toBeGreaterThan(0);
    const scores = stranger.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('scores a student by best embedding or by mean template, as asked', async () => {
    const entries = FACES.entries(3);
    const g = await Gallery.create({ modelId: MODEL }, entries);
    const q = FACES.sample(1);
    const [top] = g.search(q, { scoring: 'best' });
    const own = entries.filter((e) => e.studentId === top!.studentId).map((e) => cosineSimilarity(q, e.vector));
    expect(top!.best).toBeCloseTo(Math.max(...own), 5);
    expect(top!.score).toBe(top!.best);
    expect(g.search(q, { scoring: 'mean' })[0]!.score).toBe(g.search(q)[0]!.mean);
  });

  it('is unknown when two students are within the margin', async () => {
    const v = FACES.sample(1);
    const twin = Float32Array.from(v, (x, i) => x + (i === 0 ? 1e-3 : 0));
    const g = await Gallery.create({ modelId: MODEL }, [
      { studentId: 'a', embeddingId: 'a1', vector: v },
      { studentId: 'b', embeddingId: 'b1', vector: twin },
    ]);
    expect(g.identify(v, { threshold: 0.5, margin: 0.05 })).toMatchObject({ status: 'unknown', reason: 'ambiguous' });
    expect(g.identify(v, { threshold: 0.5, margin: 0 })).toMatchObject({ status: 'match', studentId: 'a' });
  });

  it('answers unknown on an empty gallery', async () => {
    const g = await Gallery.create({ modelId: MODEL });
    expect(g.identify(FACES.sample(0), { threshold: 0.5, margin: 0 })).toEqual({ status: 'unknown', reason: 'empty-gallery', candidates: [] });
    expect(g.identify(FACES.sample(0), { threshold: 0.5, margin: 0 }, { method: 'hnsw' })).toMatchObject({ reason: 'empty-gallery' });
    expect(g.hasIndex).toBe(false);
  });

  for (const method of ['exact', 'hnsw'] as const) {
    it(`adds, deletes and re-adds a student (${method})`, async () => {
      const g = await Gallery.create({ modelId: MODEL, exactBelow: method === 'hnsw' ? 0 : Infinity }, FACES.entries(30));
      expect(g.hasIndex).toBe(method === 'hnsw');
      const q = FACES.sample(5);
      const p = { threshold: 0.9, margin: 0.03 };
      expect(g.identify(q, p, { method })).toMatchObject({ status: 'match', studentId: 'S5' });
      expect(g.removeStudent('S5')).toBe(5);
      expect(g.has('S5-e0')).toBe(false);
      const after = g.identify(q, p, { method });
      expect(after.status).toBe('unknown');
      expect(after.candidates.some((c) => c.studentId === 'S5')).toBe(false);
      // Re-enrolled with new photos (in the freed slots: see the vector store's test).
      g.add(FACES.entries(1, 5, 5).map((e) => ({ ...e, embeddingId: `${e.embeddingId}-new` })));
      expect(g.identify(q, p, { method })).toMatchObject({ status: 'match', studentId: 'S5' });
      expect(g.size).toBe(150);
    });
  }

  it('grows past its initial capacity, incrementally, HNSW included', async () => {
    const g = await Gallery.create({ modelId: MODEL, exactBelow: 0 });
    await g.buildIndex();
    for (let i = 0; i < 260; i++) g.add(FACES.entries(1, 5, i)); // 1300 embeddings, one student at a time
    expect(g.size).toBe(1300);
    expect(g.graphCapacity).toBeGreaterThanOrEqual(1300);
    for (const i of [0, 129, 259])
      expect(g.identify(FACES.sample(i), { threshold: 0.9, margin: 0.02 }, { method: 'hnsw' })).toMatchObject({ studentId: `S${i}` });
  });

  it('limits a search to a roster', async () => {
    const g = await Gallery.create({ modelId: MODEL, exactBelow: 100 }, FACES.entries(60));
    expect(g.hasIndex).toBe(true);
    const roster = new Set(['S1', 'S2', 'S3']);
    for (const method of ['exact', 'hnsw', 'auto'] as const) {
      // S10 is enrolled but not in this class: from this roster it is a stranger.
      const d = g.identify(FACES.sample(10), { threshold: 0.9, margin: 0.03 }, { roster, method });
      expect(d.status).toBe('unknown');
      expect(d.candidates.every((c) => roster.has(c.studentId))).toBe(true);
      expect(g.identify(FACES.sample(2), { threshold: 0.9, margin: 0.03 }, { roster: ['S1', 'S2', 'S3'], method })).toMatchObject({ studentId: 'S2' });
    }
  });

  it('rejects bad vectors and ids with coded errors, leaving the gallery unchanged', async () => {
    const g = await Gallery.create({ modelId: MODEL }, FACES.entries(2));
    const ok = { studentId: 'x', embeddingId: 'x1', vector: FACES.sample(50) };
    expectCode(() => g.add([ok, { studentId: 'x', embeddingId: 'x2', vector: new Float32Array(1024).fill(0.1) }]), 'dimension-mismatch');
    expectCode(() => g.add([{ ...ok, vector: Float32Array.from(ok.vector, (v, i) => (i ? v : Number.NaN)) }]), 'invalid-vector');
    expectCode(() => g.add([{ ...ok, vector: new Float32Array(128) }]), 'invalid-vector');
    expectCode(() => g.add([{ ...ok, embeddingId: 'S0-e0' }]), 'duplicate-embedding');
    expectCode(() => g.add([ok, ok]), 'duplicate-embedding');
    expectCode(() => g.remove(['S0-e0', 'nope']), 'unknown-embedding');
    expectCode(() => g.search(new Float32Array(1024).fill(1)), 'dimension-mismatch');
    expect(g.size).toBe(10);
    expect(g.has('x1')).toBe(false);
    expect(g.has('S0-e0')).toBe(true);
  });

  it('agrees with the exact scan on a realistic clustered set (HNSW candidates, exact re-rank)', async () => {
    const faces = new SyntheticFaces(128, 11);
    const g = await Gallery.create({ modelId: MODEL, exactBelow: 0 }, faces.entries(600)); // 3000 embeddings
    let agree = 0;
    const n = 200;
    for (let i = 0; i < n; i++) {
      const q = faces.sample((i * 37) % 600);
      const exact = g.search(q, { method: 'exact', limit: 2 });
      const hnsw = g.search(q, { method: 'hnsw', limit: 2 });
      if (exact[0]!.studentId === hnsw[0]!.studentId && Math.abs(exact[0]!.score - hnsw[0]!.score) < 1e-6) agree++;
    }
    expect(agree / n).toBeGreaterThanOrEqual(0.99);
  });
});
