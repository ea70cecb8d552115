// Learning from sightings: only clear, unanimous marks teach, only new-looking frames, within the cap.
import { l2Normalize } from '@rollcall/contracts';
import { gaussian, prng } from '@rollcall/matcher';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEARN, embeddingsToLearn, type Sighting } from './learn.ts';

const g = gaussian(prng(3));
const unit = () => l2Normalize(Float32Array.from({ length: 128 }, g));
/** A vector at cosine ~`c` to `v`. */
const near = (v: Float32Array, c: number) => {
  const n = unit();
  return l2Normalize(v.map((x, i) => c * x + Math.sqrt(1 - c * c) * n[i]!));
};

const enrolled = unit();
const frames = [near(enrolled, 0.97), near(enrolled, 0.96), near(enrolled, 0.965)].map((embedding, i) => ({
  at: i * 500,
  embedding,
  weight: 1 - i * 0.1,
  flaws: [],
}));
const clear: Sighting = { studentId: 's1', score: 0.975, runnerUp: 0.9, evidence: { counted: 3, agreeing: 3 }, frames };

describe('embeddingsToLearn', () => {
  it('learns the best two frames of a clear, unanimous mark', () => {
    const v = embeddingsToLearn(clear, [enrolled], 0);
    expect(v.why).toBeNull();
    expect(v.learn).toEqual([frames[0]!.embedding, frames[1]!.embedding]);
  });

  it('never learns from a mark where a frame named someone else', () => {
    expect(embeddingsToLearn({ ...clear, evidence: { counted: 3, agreeing: 2 } }, [enrolled], 0)).toEqual({ learn: [], why: 'ambiguous' });
  });

  it('never learns when the runner-up was close or the score low', () => {
    expect(embeddingsToLearn({ ...clear, runnerUp: 0.95 }, [enrolled], 0).why).toBe('close-runner-up');
    expect(embeddingsToLearn({ ...clear, score: 0.955 }, [enrolled], 0).why).toBe('low-score');
  });

  it('stops at the per-student cap', () => {
    expect(embeddingsToLearn(clear, [enrolled], DEFAULT_LEARN.perStudent).why).toBe('cap-reached');
    expect(embeddingsToLearn(clear, [enrolled], DEFAULT_LEARN.perStudent - 1).learn).toHaveLength(1);
  });

  it('skips frames the student already has, and near-copies of each other', () => {
    expect(embeddingsToLearn(clear, [enrolled, ...frames.map((f) => f.embedding)], 0)).toEqual({ learn: [], why: 'nothing-new' });
    const twin = { ...frames[0]!, embedding: near(frames[0]!.embedding, 0.999), weight: 0.95 };
    const v = embeddingsToLearn({ ...clear, frames: [frames[0]!, twin] }, [enrolled], 0);
    expect(v.learn).toEqual([frames[0]!.embedding]);
  });
});
