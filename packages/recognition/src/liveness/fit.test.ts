// The robust fits recover known transforms, and a glitched landmark does not bend a homography.
import { describe, expect, it } from 'vitest';
import { applyHomography, fitHomography, similarityHomography, solve, transferErrors, trimmedMean, type Point } from './fit.ts';
import { handHomography, rng, warp } from '../testing/heads.ts';

const r = rng(1);
const pts: [number, number][] = Array.from({ length: 40 }, () => [200 + 200 * r(), 150 + 200 * r()]);

describe('fits', () => {
  it('solves a linear system and refuses a singular one', () => {
    expect(Array.from(solve(Float64Array.of(2, 1, 1, 3), Float64Array.of(3, 5), 2)!)).toEqual([0.8, 1.4].map((v) => expect.closeTo(v, 9)));
    expect(solve(Float64Array.of(1, 2, 2, 4), Float64Array.of(1, 2), 2)).toBeNull();
  });

  it('recovers a perspective warp exactly', () => {
    const h = handHomography(2.1);
    const b = warp(pts, h);
    const fit = fitHomography(pts, b, 2)!;
    expect(Math.max(...transferErrors(fit, pts, b))).toBeLessThan(1e-6);
    const [x, y] = applyHomography(fit, [300, 250]);
    expect([x, y]).toEqual(warp([[300, 250]], h)[0]!.map((v) => expect.closeTo(v, 5)));
  });

  it('a similarity cannot explain a perspective warp, but explains a move, zoom and turn', () => {
    const tilted = warp(pts, handHomography(2.1));
    expect(trimmedMean(transferErrors(similarityHomography(pts, tilted), pts, tilted))).toBeGreaterThan(0.5);
    const c = 1.1 * Math.cos(0.2);
    const s = 1.1 * Math.sin(0.2);
    const moved = warp(pts, [c, -s, 15, s, c, -7, 0, 0, 1]);
    expect(Math.max(...transferErrors(similarityHomography(pts, moved), pts, moved))).toBeLessThan(1e-9);
  });

  it('ignores one glitched landmark (Huber weights)', () => {
    const b = warp(pts, handHomography(0.7));
    b[5] = [b[5]![0] + 60, b[5]![1] - 40];
    const fit = fitHomography(pts, b, 2)!;
    const e = transferErrors(fit, pts, b);
    const others = Array.from(e).filter((_, i) => i !== 5);
    expect(Math.max(...others)).toBeLessThan(0.5);
    expect(fitHomography(pts.slice(0, 3) as Point[], b.slice(0, 3), 2)).toBeNull();
  });
});
