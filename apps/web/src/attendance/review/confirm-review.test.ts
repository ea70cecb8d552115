// A teacher's confirmation that teaches, end to end on the device's modules with a real Dexie
// (fake-indexeddb): the recognition core sends a close face to review, the item is stored with what
// a confirmation may teach, read back, and confirmed; only the student offered first is learned,
// as 'review-confirmed', and an item stored before this kept nothing and teaches nothing.
import 'fake-indexeddb/auto';
import { deviceIso, l2Normalize, type AddLearnedEmbeddingsBody } from '@rollcall/contracts';
import { gaussian, Gallery, prng } from '@rollcall/matcher';
import {
  CONFIRMED_LEARN,
  DEFAULT_LIVENESS,
  DEFAULT_RECOGNITION,
  RecognitionSession,
  reviewSighting,
  type Box,
  type FaceObservation,
} from '@rollcall/recognition';
import { Outbox } from '@rollcall/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sightingLearner } from '../../matcher/learn-sightings.ts';
import { RollcallDb } from '../../local/db.ts';
import { DexieOutboxStore } from '../../local/dexie-outbox-store.ts';
import { confirmReview } from './confirm-review.ts';
import { addReview, listReviews } from './review-store.ts';

const MODEL = 'faceapi-resnet@1.7.15';
const IMG = 'data:image/jpeg;base64,AAAA';
const BOX: Box = [100, 100, 120, 120];
const g = gaussian(prng(11));
const unit = () => l2Normalize(Float32Array.from({ length: 128 }, g));
/** `vs` made orthonormal (Gram-Schmidt), the first kept as it is. */
const orthonormal = (vs: Float32Array[]) =>
  vs.reduce<Float32Array[]>((out, v) => {
    const r = Float32Array.from(v);
    for (const b of out) {
      const d = r.reduce((s, x, i) => s + x * b[i]!, 0);
      r.forEach((x, i) => (r[i] = x - d * b[i]!));
    }
    return [...out, l2Normalize(r)];
  }, []);
/** A sharp, frontal, large face: every frame counts fully. */
const face = (embedding: Float32Array): FaceObservation => ({
  box: BOX,
  embedding,
  detectionScore: 0.95,
  size: 120,
  pose: { yaw: 0, pitch: 0, roll: 0 },
  sharpness: 8,
  brightness: 120,
  antispoof: 0.9,
  liveness: 0.9,
  mesh: null,
  patch: null,
  pad: Number.NaN,
});

const [s1, u, ...own] = orthonormal([unit(), unit(), unit(), unit(), unit()]) as [Float32Array, Float32Array, ...Float32Array[]];
const s2 = unit();
/**
 * Three frames of S1, each 0.94 from S1's enrolled face, sharing a drift `u` (light, a haircut) and
 * each its own part: 0.95 to each other (two new views, not near-copies), and their mean at 0.956,
 * just under the threshold (0.96) but where a face is offered by name (0.95).
 */
const FRAMES = own.map((o) => l2Normalize(s1.map((x, i) => 0.94 * x + Math.sqrt(0.0664) * u[i]! + Math.sqrt(0.05) * o[i]!)));

let n = 0;
async function setup() {
  const db = new RollcallDb(`confirm-${++n}`);
  for (const [studentId, v] of [
    ['S1', s1],
    ['S2', s2],
  ] as const)
    await db.embeddings.put({ id: `e-${studentId}`, studentId, modelId: MODEL, vector: v, quality: 1, origin: 'photo' });
  const posts: { studentId: string; body: AddLearnedEmbeddingsBody }[] = [];
  const learner = sightingLearner({
    db,
    modelId: MODEL,
    deviceId: 'browser-1a2b3c4d',
    log: () => {},
    // The network is the one thing not run here: what would be posted is recorded.
    post: async (studentId, body) => {
      posts.push({ studentId, body });
      return { results: body.embeddings.map((_, i) => ({ id: crypto.randomUUID(), status: 'created' as const, sourceHash: String(i).padStart(64, '0') })) };
    },
  });
  const outbox = new Outbox(new DexieOutboxStore(db));
  return { db, posts, deps: { db, outbox, learner }, outbox };
}

/** The recognition core on S1's close frames: the review item it raises, stored as the page stores it. */
async function reviewed(db: RollcallDb, createdAt: number) {
  const gallery = await Gallery.create({ modelId: MODEL }, [
    { studentId: 'S1', embeddingId: 'e-S1', vector: s1 },
    { studentId: 'S2', embeddingId: 'e-S2', vector: s2 },
  ]);
  const session = new RecognitionSession({
    gallery,
    roster: null,
    params: { ...DEFAULT_RECOGNITION, requireLiveness: false },
    liveness: DEFAULT_LIVENESS,
    inSession: true,
    cooldownMs: 60_000,
  });
  const reviews = FRAMES.flatMap((e, i) => session.push({ at: (i + 1) * 100, width: 1280, height: 720, faces: [face(e)] }).reviews);
  expect(reviews).toHaveLength(1);
  const r = reviews[0]!;
  expect(r.why).toBe('close');
  expect(r.candidates[0]!.studentId).toBe('S1');
  await addReview(
    db,
    { thumbnail: IMG, why: r.why, candidates: r.candidates, track: 'run:1', learn: reviewSighting(r) },
    { sessionId: null, classId: null },
    createdAt,
  );
  return (await listReviews(db, null, null))[0]!;
}

const SEEN = Date.parse('2026-12-03T08:55:12.000Z');
const storage = new Map<string, string>();
beforeAll(() => {
  // makeMark reads this browser's device id from localStorage, which Node lacks.
  vi.stubGlobal('localStorage', { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) });
});
afterAll(() => vi.unstubAllGlobals());

describe('confirming a review item', () => {
  it('confirming the student offered first marks them and teaches two new views as review-confirmed, seen when the face was', async () => {
    const { db, posts, deps, outbox } = await setup();
    const item = await reviewed(db, SEEN);
    // Under the threshold (a clear mark's rule would refuse it) but offered by name.
    expect(item.candidates[0]!.score).toBeLessThan(DEFAULT_RECOGNITION.threshold);
    expect(item.candidates[0]!.score).toBeGreaterThanOrEqual(CONFIRMED_LEARN.minScore);
    expect(item.learn?.frames).toHaveLength(2);
    expect(item.learn?.frames.every((f) => f.embedding instanceof Float32Array)).toBe(true);

    expect(await confirmReview(deps, item, 'S1', undefined)).toEqual({ status: 'marked', learnt: { sent: 2 } });
    expect((await outbox.refresh()).pending).toBe(1);
    // Marked at the sighting, not at the confirmation (which came later: now).
    expect((await outbox.pending(10)).map((m) => m.markedAt)).toEqual([deviceIso(new Date(SEEN))]);
    expect(await listReviews(db, null, null)).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.studentId).toBe('S1');
    expect(posts[0]!.body.embeddings.map((e) => e.learned)).toEqual([
      { deviceId: 'browser-1a2b3c4d', how: 'review-confirmed', sightedAt: new Date(SEEN).toISOString() },
      { deviceId: 'browser-1a2b3c4d', how: 'review-confirmed', sightedAt: new Date(SEEN).toISOString() },
    ]);
  });

  it('teaches nothing when the teacher chose another student, though that student is marked', async () => {
    const { db, posts, deps } = await setup();
    const item = await reviewed(db, SEEN);
    expect(await confirmReview(deps, item, 'S2', undefined)).toEqual({ status: 'marked', learnt: { skipped: 'other-student' } });
    expect(posts).toEqual([]);
  });

  it('teaches from a confirmation of a student already marked by hand: the face is still confirmed', async () => {
    const { db, posts, deps } = await setup();
    const item = await reviewed(db, SEEN);
    expect(await confirmReview(deps, item, 'S1', 'present')).toEqual({ status: 'already', learnt: { sent: 2 } });
    expect(posts).toHaveLength(1);
  });

  it('an item stored before it kept anything (or damaged) is still confirmed, and teaches nothing', async () => {
    const { db, posts, deps } = await setup();
    await addReview(db, { thumbnail: IMG, why: 'close', candidates: [{ studentId: 'S1', score: 0.955 }] }, { sessionId: null, classId: null }, SEEN);
    const damaged = await addReview(
      db,
      { thumbnail: IMG, why: 'close', candidates: [{ studentId: 'S1', score: 0.955 }] },
      { sessionId: null, classId: null },
      SEEN + 1,
    );
    await db.reviews.update(damaged, { learn: { studentId: 'S1', frames: 'not vectors' } as never });
    const items = await listReviews(db, null, null);
    expect(items.map((i) => i.learn)).toEqual([undefined, undefined]);
    for (const item of items) expect(await confirmReview(deps, item, 'S1', undefined)).toEqual({ status: 'marked', learnt: null });
    expect(posts).toEqual([]);
  });
});
