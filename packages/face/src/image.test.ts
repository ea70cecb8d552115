import { describe, expect, it } from 'vitest';
import { flipHorizontal, shrink, squareCanvas, type RgbImage } from './image.ts';
import { measureQuality } from './quality.ts';

function pattern(width: number, height: number, f: (x: number, y: number) => number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(f(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, data };
}

describe('squareCanvas', () => {
  it('centres a wide image on a square and reports where', () => {
    const img = pattern(40, 10, (x) => x);
    const { image, dx, dy } = squareCanvas(img, 0);
    expect([image.width, image.height, dx, dy]).toEqual([40, 40, 0, 15]);
    expect(image.data[(15 * 40 + 7) * 3]).toBe(7);
  });

  it('adds the margin on every side and leaves a square image alone', () => {
    const img = pattern(20, 20, () => 9);
    expect(squareCanvas(img, 0).image).toBe(img);
    const { image, dx, dy } = squareCanvas(img, 0.5);
    expect([image.width, dx, dy]).toEqual([40, 10, 10]);
  });
});

describe('shrink', () => {
  it('averages each f x f block and drops a partial block at the edge', () => {
    // Columns 0-3 of 10, 20, 30, 40 and a fifth column of 255 that does not fill a block.
    const img = pattern(5, 4, (x, y) => (x === 4 ? 255 : (x + 1) * 10 + (y % 2)));
    const out = shrink(img, 2);
    expect([out.width, out.height]).toEqual([2, 2]);
    // (10 + 20 + 11 + 21) / 4 = 15.5 -> 16; (30 + 40 + 31 + 41) / 4 = 35.5 -> 36.
    expect(Array.from(out.data)).toEqual([16, 16, 16, 36, 36, 36, 16, 16, 16, 36, 36, 36]);
  });

  it('leaves the image alone at factor 1', () => {
    const img = pattern(3, 3, () => 1);
    expect(shrink(img, 1)).toBe(img);
  });
});

describe('flipHorizontal', () => {
  it('mirrors left and right', () => {
    const img = pattern(3, 1, (x) => x * 10);
    expect(Array.from(flipHorizontal(img).data)).toEqual([20, 20, 20, 10, 10, 10, 0, 0, 0]);
  });
});

describe('measureQuality', () => {
  const checker = pattern(150, 150, (x, y) => (((x >> 1) + (y >> 1)) % 2 ? 200 : 60));
  const smooth = pattern(150, 150, (x) => 60 + x);

  it('scores fine detail sharper than a smooth ramp', () => {
    expect(measureQuality(checker).sharpness).toBeGreaterThan(measureQuality(smooth).sharpness * 10);
  });

  it('does not mistake darkness for blur, and measures brightness', () => {
    const dark = pattern(150, 150, (x, y) => (((x >> 1) + (y >> 1)) % 2 ? 50 : 15));
    expect(measureQuality(dark).sharpness).toBeCloseTo(measureQuality(checker).sharpness, 0);
    expect(measureQuality(dark).brightness).toBeCloseTo(32.5, 0);
  });
});
