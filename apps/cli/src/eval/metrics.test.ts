import { l2Normalize } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { accuracyAt, allPairScores, closedSetTop1, decide, openSet, rocAuc, strangerIdentities, tarAtFar, type Sample } from './metrics.ts';

describe('verification measures', () => {
  it('AUC is 1 for separated scores, 0.5 for identical ones, and counts ties half', () => {
    expect(rocAuc({ genuine: [0.9, 0.8], impostor: [0.1, 0.2] })).toBe(1);
    expect(rocAuc({ genuine: [0.5, 0.5], impostor: [0.5, 0.5] })).toBe(0.5);
    expect(rocAuc({ genuine: [0.1], impostor: [0.9] })).toBe(0);
  });

  it('accuracy at a threshold and TAR at a FAR', () => {
    const s = { genuine: [0.9, 0.8, 0.4], impostor: [0.1, 0.5, 0.85, 0.2] };
    expect(accuracyAt(s, 0.6)).toBeCloseTo(5 / 7);
    // One impostor of four above 0.5 is FAR 25%: at FAR 25% the threshold sits at 0.5.
    expect(tarAtFar(s, 0.25)).toBeCloseTo(2 / 3);
    expect(tarAtFar(s, 0)).toBeCloseTo(1 / 3);
  });
});

function sample(identity: string, file: string, v: number[]): Sample {
  return { identity, file, vector: l2Normalize(v) };
}

describe('identification', () => {
  const samples = [
    sample('a', 'a1', [1, 0, 0, 0]), sample('a', 'a2', [0.95, 0.05, 0, 0]),
    sample('b', 'b1', [0, 1, 0, 0]), sample('b', 'b2', [0.05, 0.95, 0, 0]),
    sample('c', 'c1', [0, 0, 1, 0]), sample('c', 'c2', [0, 0.05, 0.95, 0]),
    sample('d', 'd1', [0, 0, 0, 1]), sample('d', 'd2', [0.8, 0, 0, 0.6]),
  ];

  it('counts genuine and impostor pairs', () => {
    const s = allPairScores(samples);
    expect(s.genuine).toHaveLength(4);
    expect(s.impostor).toHaveLength(24);
  });

  it('closed-set top-1 with one enrolment photo', () => {
    expect(closedSetTop1(samples, 1, 'mean').top1).toBe(0.75);
  });

  it('decides unknown below the threshold or inside the margin', () => {
    expect(decide({ best: 'a', bestScore: 0.9, secondScore: 0.5 }, 0.8, 0.1)).toBe('a');
    expect(decide({ best: 'a', bestScore: 0.7, secondScore: 0.5 }, 0.8, 0.1)).toBeNull();
    expect(decide({ best: 'a', bestScore: 0.9, secondScore: 0.85 }, 0.8, 0.1)).toBeNull();
  });

  it('open set keeps a quarter of identities as strangers and counts wrong students', () => {
    expect([...strangerIdentities(['a', 'b', 'c', 'd'])]).toEqual(['c']);
    expect(strangerIdentities(['x', 'y', 'z']).size).toBe(1);
    const r = openSet(samples, 1, 'mean', 0.5, 0);
    expect(r.unknownIdentities).toEqual(['c']);
    // d2 leans towards a: accepted as the wrong student at this loose threshold.
    expect(r.wrongStudentRate).toBeCloseTo(1 / 3);
    expect(r.far).toBe(0);
  });
});
