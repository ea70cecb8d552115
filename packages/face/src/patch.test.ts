// The grey copy of a face that track liveness compares across frames.
import { describe, expect, it } from 'vitest';
import type { RgbImage } from './image.ts';
import { facePatch } from './patch.ts';

/** A w x h image whose grey level is f(x, y) in every channel. */
function image(w: number, h: number, f: (x: number, y: number) => number): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(f(x, y), (y * w + x) * 3, (y * w + x) * 3 + 3);
  return { width: w, height: h, data };
}

describe('facePatch', () => {
  it('averages the pixels each cell covers, around the box with its margin', () => {
    // Left half black, right half white; a 40 px box centred on the edge, no margin, 4 cells: 10 px each.
    const img = image(100, 100, (x) => (x < 50 ? 0 : 200));
    const p = facePatch(img, [30, 30, 40, 40], 4, 0);
    expect([p.x, p.y, p.step, p.size]).toEqual([30, 30, 10, 4]);
    expect(Array.from(p.gray.slice(0, 4))).toEqual([0, 0, 200, 200]);
    // With the margin the square grows on every side and stays centred on the box.
    const m = facePatch(img, [30, 30, 40, 20], 4, 0.25);
    expect([m.x, m.y, m.step]).toEqual([20, 10, 15]);
  });

  it('marks cells outside the frame as unknown instead of repeating the edge', () => {
    const img = image(50, 50, () => 90);
    const p = facePatch(img, [-20, 10, 40, 40], 4, 0);
    expect(Number.isNaN(p.gray[0]!)).toBe(true); // x -20..-10
    expect(p.gray[2]).toBe(90); // x 0..10
  });

  it('mixes colour channels into one grey level', () => {
    const img: RgbImage = { width: 1, height: 1, data: new Uint8Array([255, 0, 0]) };
    expect(facePatch(img, [0, 0, 1, 1], 1, 0).gray[0]).toBeCloseTo(0.299 * 255, 3);
  });
});
