// Enrolment variety on synthetic embeddings: near-copies count once, different views each count,
// and the advice names what is missing in plain words.
import { describe, expect, it } from 'vitest';
import { blend, population } from './testing/faces.ts';
import { distinctViews, enrolmentStrength, NEAR_COPY } from './variety.ts';

describe('enrolment variety', () => {
  const faces = population();
  const a = faces.sample(0);
  const nearCopy = (v: Float32Array) => blend(v, faces.sample(0), 0.999);

  it('counts near-copies of one view once and different photos of the person each', () => {
    const views = [0, 1, 2].map(() => faces.sample(0));
    expect(Math.max(...views.slice(1).map((v) => [...v].reduce((s, x, i) => s + x * views[0]![i]!, 0)))).toBeLessThan(NEAR_COPY);
    expect(distinctViews(views)).toBe(3);
    const burst = [a, nearCopy(a), nearCopy(a)];
    expect(distinctViews(burst)).toBe(1);
    expect(distinctViews([...burst, views[1]!])).toBe(2);
    expect(distinctViews([])).toBe(0);
  });

  it('says how strong an enrolment is and what to add', () => {
    expect(enrolmentStrength([])).toMatchObject({ level: 'none', photos: 0, views: 0 });
    expect(enrolmentStrength([a, nearCopy(a), nearCopy(a)])).toEqual({
      level: 'weak',
      photos: 3,
      views: 1,
      advice: '2 of the 3 photos look the same as another. Add 2 photos from another day or angle.',
    });
    expect(enrolmentStrength([a, faces.sample(0)])).toEqual({ level: 'fair', photos: 2, views: 2, advice: 'Add 1 photo from another day or angle.' });
    expect(enrolmentStrength([a, faces.sample(0), faces.sample(0)])).toMatchObject({ level: 'good', advice: null });
  });
});
