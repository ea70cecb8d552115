// The enrolment advice in the app's words renders the recognition package's English exactly.
import { describe, expect, it } from 'vitest';
import { enrolmentStrength } from '@rollcall/recognition';
import { adviceText } from './strength-text.ts';

describe('adviceText', () => {
  it('says what the recognition package advises, for each level', () => {
    const v = (x: number) => Float32Array.from({ length: 8 }, (_, i) => (i === x ? 1 : 0));
    for (const vectors of [[], [v(0)], [v(0), v(0)], [v(0), v(1)], [v(0), v(0), v(0)], [v(0), v(1), v(2)]]) {
      const s = enrolmentStrength(vectors);
      expect(adviceText(s)).toBe(s.advice);
    }
  });
});
