// Learning from clear marks against a real Dexie (fake-indexeddb): what is sent and with which
// provenance, what counts against the cap (shared with a teacher's confirmations), and that a
// refusal stops posting for that student.
import 'fake-indexeddb/auto';
import { ClientError, decodeVector, l2Normalize, MAX_LEARNED_PER_STUDENT, type AddLearnedEmbeddingsBody } from '@rollcall/contracts';
import { gaussian, prng } from '@rollcall/matcher';
import type { MarkDecision } from '@rollcall/recognition';
import { describe, expect, it } from 'vitest';
import { RollcallDb } from '../local/db.ts';
import { sightingLearner, type LearnerDeps } from './learn-sightings.ts';

const MODEL = 'faceapi-resnet@1.7.15';
const g = gaussian(prng(7));
const unit = () => l2Normalize(Float32Array.from({ length: 128 }, g));
/** A vector at cosine ~`c` to `v`. */
const near = (v: Float32Array, c: number) => {
  const n = unit();
  return l2Normalize(v.map((x, i) => c * x + Math.sqrt(1 - c * c) * n[i]!));
};

const enrolled = unit();
const FRAMES = [0.97, 0.96, 0.965].map((c, i) => ({ at: i * 500, embedding: near(enrolled, c), weight: 0.9 - i * 0.1, flaws: [] }));
const mark = (over: Partial<MarkDecision> = {}): MarkDecision => ({
  trackId: 1,
  studentId: 'S1',
  score: 0.975,
  at: 0,
  runnerUp: 0.8,
  evidence: { counted: 3, agreeing: 3, frames: [] },
  frames: FRAMES,
  ...over,
});
const SEEN = new Date('2026-12-03T08:55:12.000Z');

let n = 0;
async function setup(post?: LearnerDeps['post']) {
  const db = new RollcallDb(`learn-${++n}`);
  await db.embeddings.put({ id: 'e-photo', studentId: 'S1', modelId: MODEL, vector: enrolled, quality: 1, origin: 'photo' });
  const posts: { studentId: string; body: AddLearnedEmbeddingsBody }[] = [];
  const logs: string[] = [];
  const learner = sightingLearner({
    db,
    modelId: MODEL,
    deviceId: 'browser-1a2b3c4d',
    log: (m) => logs.push(m),
    post:
      post ??
      (async (studentId, body) => {
        posts.push({ studentId, body });
        return { results: body.embeddings.map((_, i) => ({ id: crypto.randomUUID(), status: 'created' as const, sourceHash: String(i).padStart(64, '0') })) };
      }),
  });
  return { db, learn: learner.fromMark, learner, posts, logs };
}

describe('learning from clear marks', () => {
  it('sends the two best new-looking frames of a clear mark, with this laptop and the time it saw the face', async () => {
    const { learn, posts } = await setup();
    expect(await learn(mark(), SEEN)).toEqual({ sent: 2 });
    expect(posts).toHaveLength(1);
    const [{ studentId, body }] = posts as [(typeof posts)[number]];
    expect(studentId).toBe('S1');
    expect(body.embeddings.map((e) => e.learned)).toEqual([
      { deviceId: 'browser-1a2b3c4d', how: 'clear-mark', sightedAt: SEEN.toISOString() },
      { deviceId: 'browser-1a2b3c4d', how: 'clear-mark', sightedAt: SEEN.toISOString() },
    ]);
    expect(body.embeddings.map((e) => e.quality)).toEqual([0.9, 0.8]);
    expect(Array.from(decodeVector(body.embeddings[0]!.vector)!)).toEqual(Array.from(FRAMES[0]!.embedding));
  });

  it('sends nothing for a mark in doubt about who it is: a close runner-up or a disagreeing frame', async () => {
    const { learn, posts } = await setup();
    expect(await learn(mark({ runnerUp: 0.95 }), SEEN)).toEqual({ skipped: 'close-runner-up' });
    expect(await learn(mark({ evidence: { counted: 3, agreeing: 2, frames: [] } }), SEEN)).toEqual({ skipped: 'ambiguous' });
    expect(posts).toHaveLength(0);
  });

  it('learns from a mark that first waited in review for a live face: the wait was about life, not identity', async () => {
    const { learn, posts } = await setup();
    expect(await learn(mark({ resolves: 'liveness' }), SEEN)).toEqual({ sent: 2 });
    expect(posts).toHaveLength(1);
  });

  it('learns nothing from a mark first judged a photo or a screen, even once it moved like a head', async () => {
    const { learn, posts } = await setup();
    expect(await learn(mark({ resolves: 'presentation' }), SEEN)).toEqual({ skipped: 'looked-like-a-picture' });
    expect(posts).toEqual([]);
  });

  it("counts the laptop's learned embeddings against the cap, and what it sent before they sync back", async () => {
    const { db, learn, posts } = await setup();
    for (let i = 0; i < MAX_LEARNED_PER_STUDENT - 1; i++)
      await db.embeddings.put({ id: `e-l${i}`, studentId: 'S1', modelId: MODEL, vector: unit(), quality: 0.9, origin: 'sighting' });
    expect(await learn(mark(), SEEN)).toEqual({ sent: 1 });
    // The one sent has not come back through sync yet, and still fills the last place.
    expect(await learn(mark({ frames: FRAMES.map((f) => ({ ...f, embedding: near(enrolled, 0.97) })) }), SEEN)).toEqual({ skipped: 'cap-reached' });
    expect(posts).toHaveLength(1);
  });

  it('logs a refusal quietly and posts no more for that student; a network failure is not retried but does not stop the next mark', async () => {
    const calls: string[] = [];
    const answers = [new ClientError('network', 'offline'), new ClientError('learned-embeddings-full', 'full', { status: 409 })];
    const { learn, logs } = await setup(async (studentId) => {
      calls.push(studentId);
      throw answers.shift();
    });
    expect(await learn(mark(), SEEN)).toEqual({ failed: 'network' });
    expect(await learn(mark(), SEEN)).toEqual({ failed: 'learned-embeddings-full' });
    expect(await learn(mark(), SEEN)).toEqual({ skipped: 'stopped' });
    expect(calls).toEqual(['S1', 'S1']);
    expect(logs).toHaveLength(2);
    expect(logs[1]).toContain('learned-embeddings-full');
  });

  it("a teacher's confirmation shares the cap with the marks: what a mark sent and has not synced back yet fills its place", async () => {
    const { db, learner, posts } = await setup();
    for (let i = 0; i < MAX_LEARNED_PER_STUDENT - 2; i++)
      await db.embeddings.put({ id: `e-l${i}`, studentId: 'S1', modelId: MODEL, vector: unit(), quality: 0.9, origin: 'sighting' });
    expect(await learner.fromMark(mark(), SEEN)).toEqual({ sent: 2 });
    const kept = {
      studentId: 'S1',
      score: 0.955,
      runnerUp: 0.8,
      evidence: { counted: 3, agreeing: 3 },
      frames: [{ embedding: near(enrolled, 0.96), weight: 0.9 }],
    };
    expect(await learner.fromConfirmation(kept, 'S1', SEEN)).toEqual({ skipped: 'cap-reached' });
    expect(posts.map((p) => p.body.embeddings[0]!.learned.how)).toEqual(['clear-mark']);
  });
});
