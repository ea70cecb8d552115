// Open-set rules on hand-made candidates: threshold, margin, and the track vote.
import { describe, expect, it } from 'vitest';
import { decide, resolveDecisionParams, type Candidate } from './index.ts';
import { isMatcherError } from './errors.ts';

const c = (studentId: string, score: number): Candidate => ({ studentId, score, best: score, mean: score, embeddings: 3 });
const params = resolveDecisionParams({ threshold: 0.6, margin: 0.05 });

describe('decide', () => {
  it('matches above the threshold with enough lead', () => {
    const d = decide([c('a', 0.8), c('b', 0.7)], params);
    expect(d).toMatchObject({ status: 'match', studentId: 'a', score: 0.8, runnerUp: 0.7 });
  });
  it('is unknown below the threshold, with candidates for review', () => {
    const d = decide([c('a', 0.59), c('b', 0.3)], params);
    expect(d).toMatchObject({ status: 'unknown', reason: 'below-threshold' });
    expect(d.candidates.map((x) => x.studentId)).toEqual(['a', 'b']);
  });
  it('is unknown when the runner-up is within the margin', () => {
    expect(decide([c('a', 0.8), c('b', 0.76)], params)).toMatchObject({ status: 'unknown', reason: 'ambiguous' });
  });
  it('accepts a lone student above the threshold (no runner-up)', () => {
    expect(decide([c('a', 0.7)], params)).toMatchObject({ status: 'match', runnerUp: null });
  });
  it('is unknown on an empty gallery', () => {
    expect(decide([], params)).toEqual({ status: 'unknown', reason: 'empty-gallery', candidates: [] });
  });
  it('keeps only topK candidates', () => {
    const p = resolveDecisionParams({ threshold: 0.9, margin: 0, topK: 2 });
    expect(decide([c('a', 0.5), c('b', 0.4), c('c', 0.3)], p).candidates).toHaveLength(2);
  });
  it('refuses parameters out of range with a coded error', () => {
    for (const bad of [
      { threshold: 1.5, margin: 0 },
      { threshold: 0.5, margin: -0.1 },
      { threshold: Number.NaN, margin: 0 },
      { threshold: 0.5, margin: 0, topK: 0 },
    ]) {
      try {
        resolveDecisionParams(bad);
        expect.unreachable();
      } catch (e) {
        expect(isMatcherError(e, 'invalid-parameter')).toBe(true);
      }
    }
  });
});
