// Learning from sightings: only clear, unanimous marks (or a teacher's confirmation of the student a
// review offered first) teach, only new-looking frames, within the cap.
import { l2Normalize } from '@rollcall/contracts';
import { gaussian, prng } from '@rollcall/matcher';
import { describe, expect, it } from 'vitest';
import { CONFIRMED_LEARN, DEFAULT_LEARN, embeddingsToLearn, embeddingsToLearnFromConfirmation, reviewSighting, type Sighting } from './learn.ts';
import { DEFAULT_RECOGNITION } from './params.ts';
import type { ReviewDecision } from './session.ts';

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

describe('the shared learning rules', () => {
  // The API holds the numbers in @rollcall/contracts; here, where the recogniser's are known, they must agree.
  it('floor a clear mark at the threshold, and a confirmation where a face is still offered by name', () => {
    expect(DEFAULT_LEARN.minScore).toBeCloseTo(DEFAULT_RECOGNITION.threshold, 9);
    expect(CONFIRMED_LEARN.minScore).toBeCloseTo(DEFAULT_RECOGNITION.threshold - DEFAULT_RECOGNITION.lowerBand, 9);
  });
});

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

describe('learning from a confirmed review item', () => {
  /** A 'close' review: unanimous frames, a score in the review band, a clear lead. */
  const review = (over: Partial<ReviewDecision> = {}): Pick<ReviewDecision, 'why' | 'candidates' | 'runnerUp' | 'evidence' | 'frames'> => ({
    why: 'close',
    candidates: [{ studentId: 's1', score: 0.955 }],
    runnerUp: 0.85,
    evidence: { frames: [], counted: 3, agreeing: 3 },
    frames,
    ...over,
  });

  it('keeps the top candidate and the best two frames (vectors only) of a close, unanimous review', () => {
    const kept = reviewSighting(review());
    expect(kept).toEqual({
      studentId: 's1',
      score: 0.955,
      runnerUp: 0.85,
      evidence: { counted: 3, agreeing: 3 },
      frames: [frames[0], frames[1]].map((f) => ({ embedding: f!.embedding, weight: f!.weight })),
    });
    // Under the threshold, so a clear mark's rule would refuse it; the confirmation's floor takes it.
    expect(embeddingsToLearn(kept!, [enrolled], 0).why).toBe('low-score');
    expect(embeddingsToLearnFromConfirmation(kept!, 's1', [enrolled], 0)).toEqual({ learn: [frames[0]!.embedding, frames[1]!.embedding], why: null });
  });

  it('keeps a face that waited for life: the teacher in the room settles it', () => {
    expect(reviewSighting(review({ why: 'liveness', candidates: [{ studentId: 's1', score: 0.97 }] }))?.studentId).toBe('s1');
  });

  it('keeps nothing of a photo or screen, two students alike, frames that disagreed, or a face nobody was offered for', () => {
    expect(reviewSighting(review({ why: 'presentation' }))).toBeNull();
    expect(reviewSighting(review({ why: 'ambiguous' }))).toBeNull();
    expect(reviewSighting(review({ evidence: { frames: [], counted: 3, agreeing: 2 } }))).toBeNull();
    expect(reviewSighting(review({ candidates: [] }))).toBeNull();
  });

  it('keeps nothing under the floor where a face is offered by name, nor with a close runner-up', () => {
    expect(reviewSighting(review({ candidates: [{ studentId: 's1', score: CONFIRMED_LEARN.minScore - 0.001 }] }))).toBeNull();
    // The runner-up counts even when it was too far under the threshold to be offered.
    expect(reviewSighting(review({ runnerUp: 0.955 - CONFIRMED_LEARN.minLead + 0.001 }))).toBeNull();
  });

  it('teaches nothing when the teacher chose another student than the one offered first', () => {
    const kept = reviewSighting(
      review({
        candidates: [
          { studentId: 's1', score: 0.955 },
          { studentId: 's2', score: 0.9 },
        ],
        runnerUp: 0.9,
      }),
    )!;
    expect(embeddingsToLearnFromConfirmation(kept, 's2', [enrolled], 0)).toEqual({ learn: [], why: 'other-student' });
  });

  it('keeps the cap and skips what the student already has', () => {
    const kept = reviewSighting(review())!;
    expect(embeddingsToLearnFromConfirmation(kept, 's1', [enrolled], CONFIRMED_LEARN.perStudent).why).toBe('cap-reached');
    expect(embeddingsToLearnFromConfirmation(kept, 's1', [enrolled, ...frames.map((f) => f.embedding)], 0).why).toBe('nothing-new');
  });
});
