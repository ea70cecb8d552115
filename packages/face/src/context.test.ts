// Which faces are analysed again with context, and the crop they are analysed on.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE } from './config.ts';
import { needsContext } from './context.ts';
import { padRegion, type RgbImage } from './image.ts';

const frame = { width: 1280, height: 720 };

describe('needsContext', () => {
  it('picks faces at the border or filling the picture, not faces well inside a frame', () => {
    expect(needsContext([600, 300, 100, 100], frame, DEFAULT_PIPELINE)).toBe(false);
    expect(needsContext([10, 300, 100, 100], frame, DEFAULT_PIPELINE)).toBe(true); // 10 px from the left edge
    expect(needsContext([600, 640, 100, 100], frame, DEFAULT_PIPELINE)).toBe(true); // cut by the bottom
    // A school ID photo: the face fills the picture.
    expect(needsContext([30, 30, 90, 90], { width: 150, height: 150 }, DEFAULT_PIPELINE)).toBe(true);
  });
});

describe('padRegion', () => {
  it('copies what lies inside the image and fills the rest with its mean colour', () => {
    const img: RgbImage = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 100, 100, 100]) };
    const out = padRegion(img, [-1, 0, 4, 2]);
    expect([out.width, out.height]).toEqual([4, 2]);
    const px = (x: number, y: number) => out.data[(y * 4 + x) * 3];
    expect([px(0, 0), px(1, 0), px(2, 0), px(3, 0)]).toEqual([50, 0, 100, 50]);
    expect([px(0, 1), px(3, 1)]).toEqual([50, 50]);
  });
});
