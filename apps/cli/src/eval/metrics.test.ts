import { l2Normalize } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOGNITION } from '@rollcall/recognition';
import {
  accuracyAt,
  allPairScores,
  byIdentity,
  closedSetTop1,
  openSet,
  rocAuc,
  shuffledByIdentity,
  strangerIdentities,
  tarAtFar,
  type Sample,
} from './metrics.ts';

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

/** A 4-d direction placed in the shipped model's 128 dimensions (the gallery checks the size). */
function sample(identity: string, file: string, v: number[], weight = 1): Sample {
  return { identity, file, vector: l2Normalize([...v, ...new Array<number>(124).fill(0)]), weight };
}

const MODEL = 'faceapi-resnet@1.7.15' as const;
const loose = (over = {}) => ({ ...DEFAULT_RECOGNITION, threshold: 0.5, margin: 0, reviewBand: 0.1, lowerBand: 0.1, ...over });

describe('identification', () => {
  const samples = [
    sample('a', 'a1', [1, 0, 0, 0]),
    sample('a', 'a2', [0.95, 0.05, 0, 0]),
    sample('b', 'b1', [0, 1, 0, 0]),
    sample('b', 'b2', [0.05, 0.95, 0, 0]),
    sample('c', 'c1', [0, 0, 1, 0]),
    sample('c', 'c2', [0, 0.05, 0.95, 0]),
    sample('d', 'd1', [0, 0, 0, 1]),
    sample('d', 'd2', [0.8, 0, 0, 0.6]),
  ];

  it('counts genuine and impostor pairs', () => {
    const s = allPairScores(samples);
    expect(s.genuine).toHaveLength(4);
    expect(s.impostor).toHaveLength(24);
  });

  it('closed-set top-1 with one enrolment photo, through the matcher gallery', async () => {
    expect((await closedSetTop1(samples, 1, 'mean', MODEL)).top1).toBe(0.75);
  });

  it('open set keeps a quarter of identities as strangers and counts wrong students, as the core decides', async () => {
    expect([...strangerIdentities(['a', 'b', 'c', 'd'])]).toEqual(['c']);
    expect(strangerIdentities(['x', 'y', 'z']).size).toBe(1);
    const r = await openSet(samples, 1, loose(), MODEL);
    expect(r.unknownIdentities).toEqual(['c']);
    // d2 leans towards a: accepted as the wrong student at this loose threshold.
    expect(r.wrongStudentRate).toBeCloseTo(1 / 3);
    expect(r.far).toBe(0);
    expect(r.tar).toBeCloseTo(2 / 3);
  });

  it('the core margin sends d2 to review, offering both students; a photo that would not count is not accepted', async () => {
    // a scores 0.8 against d2, d 0.6: a margin of 0.3 makes it ambiguous.
    const r = await openSet(samples, 1, loose({ margin: 0.3 }), MODEL);
    expect(r.wrongStudentRate).toBe(0);
    expect(r.reviewRate).toBeGreaterThan(0);
    expect(r.wrongSuggestionRate).toBe(0);
    expect(r.strangerOfferedRate).toBe(0);
    const blurred = samples.map((s) => (s.file === 'a2' ? { ...s, weight: 0 } : s));
    const b = await openSet(blurred, 1, loose(), MODEL);
    expect(b.notCounted).toBe(1);
    expect(b.tar).toBeCloseTo(1 / 3);
  });
});

describe('the random-split protocol', () => {
  const many = ['a', 'b', 'c', 'd'].flatMap((id, n) =>
    [0, 1, 2, 3, 4].map((i) => {
      const v = [0, 0, 0, 0];
      v[n] = 1;
      v[(n + 1) % 4] = 0.05 * i;
      return sample(id, `${id}${i}`, v);
    }),
  );

  it('orders each identity differently per seed, the same for the same seed, and keeps every photo', () => {
    const one = shuffledByIdentity(many, 1);
    const again = shuffledByIdentity(many, 1);
    const other = shuffledByIdentity(many, 2);
    const files = (m: Map<string, Sample[]>) => [...m.values()].map((l) => l.map((s) => s.file).join(','));
    expect(files(one)).toEqual(files(again));
    expect(files(one)).not.toEqual(files(other));
    expect(files(one).map((l) => l.split(',').sort().join(','))).toEqual(files(byIdentity(many)));
  });

  it('enrols the shuffled first K: a split changes which photos are probes', async () => {
    const order = shuffledByIdentity(many, 3);
    const r = await openSet(many, 2, loose(), MODEL, order);
    expect(r.knownProbes).toBe(3 * 3);
    expect(r.unknownProbes).toBe(5);
  });
});
