import { describe, expect, it } from 'vitest';
import { applySimilarity, chipTemplate, fitSimilarity, warpChip, type Point2 } from './align.ts';
import type { RgbImage } from './image.ts';

describe('fitSimilarity', () => {
  it('recovers a known rotation, scale and shift', () => {
    const t = { a: 2 * Math.cos(0.3), b: 2 * Math.sin(0.3), tx: 15, ty: -7 };
    const from: Point2[] = [
      [0, 0],
      [10, 0],
      [3, 8],
      [-4, 5],
    ];
    const to = from.map((p) => applySimilarity(t, p));
    const fit = fitSimilarity(from, to);
    expect(fit.a).toBeCloseTo(t.a, 9);
    expect(fit.b).toBeCloseTo(t.b, 9);
    expect(fit.tx).toBeCloseTo(t.tx, 9);
    expect(fit.ty).toBeCloseTo(t.ty, 9);
  });

  it('refuses degenerate input', () => {
    expect(() =>
      fitSimilarity(
        [
          [1, 1],
          [1, 1],
        ],
        [
          [0, 0],
          [2, 2],
        ],
      ),
    ).toThrow(RangeError);
    expect(() => fitSimilarity([[1, 1]], [[0, 0]])).toThrow(RangeError);
  });
});

describe('chipTemplate', () => {
  it('puts the eyes level and the face centred in the chip', () => {
    const t = chipTemplate(150, 0.25);
    const [leftOuter, , , rightOuter] = t;
    expect(Math.abs(leftOuter![1] - rightOuter![1])).toBeLessThan(3);
    const cx = t.reduce((s, p) => s + p[0], 0) / t.length;
    expect(Math.abs(cx - 75)).toBeLessThan(5);
    for (const [x, y] of t) {
      expect(x).toBeGreaterThan(25);
      expect(x).toBeLessThan(125);
      expect(y).toBeGreaterThan(25);
      expect(y).toBeLessThanOrEqual(125.01);
    }
  });
});

describe('warpChip', () => {
  it('copies pixels under the identity transform and fills outside with black', () => {
    const data = new Uint8Array(4 * 4 * 3).map((_, i) => (i * 7) % 256);
    const img: RgbImage = { width: 4, height: 4, data };
    const same = warpChip(img, { a: 1, b: 0, tx: 0, ty: 0 }, 4);
    expect(Array.from(same.data)).toEqual(Array.from(data));
    const shifted = warpChip(img, { a: 1, b: 0, tx: 10, ty: 0 }, 4);
    expect(shifted.data.every((v) => v === 0)).toBe(true);
  });
});
