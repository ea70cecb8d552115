// A picture moved in front of the camera shows the same pixels once the move is undone; another
// picture (another view of a head) does not.
import { facePatch, type RgbImage } from '@rollcall/face';
import { describe, expect, it } from 'vitest';
import { applyHomography, type Homography, type Point } from './fit.ts';
import { textureChange } from './texture.ts';

const W = 320;
const H = 240;

/** A smooth random pattern with face-sized features (blobs of 6-20 px, up to `contrast` grey levels), seeded. */
function pattern(seed: number, contrast = 60): (x: number, y: number) => number {
  let s = seed;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const blobs = Array.from({ length: 40 }, () => ({ x: 100 + 120 * r(), y: 60 + 120 * r(), size: 6 + 14 * r(), dark: r() < 0.5 ? -1 : 1 }));
  return (x, y) => 128 + blobs.reduce((g, b) => g + contrast * b.dark * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.size ** 2)), 0);
}

/**
 * The image a camera sees of `f` moved by `h` (each frame pixel looks up where it came from), with
 * a gain and offset, and `light` added in frame pixels (a reflection does not move with the picture).
 */
function render(f: (x: number, y: number) => number, inverse: Homography, gain = 1, offset = 0, light = (_x: number, _y: number) => 0): RgbImage {
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const [u, v] = applyHomography(inverse, [x, y]);
      data.fill(Math.max(0, Math.min(255, Math.round(gain * f(u, v) + offset + light(x, y)))), (y * W + x) * 3, (y * W + x) * 3 + 3);
    }
  return { width: W, height: H, data };
}

/** A 3x3 inverse (adjugate over determinant), normalised so h[8] = 1. */
function invert(m: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = m as unknown as number[];
  const adj = [
    e! * i! - f! * h!,
    c! * h! - b! * i!,
    b! * f! - c! * e!,
    f! * g! - d! * i!,
    a! * i! - c! * g!,
    c! * d! - a! * f!,
    d! * h! - e! * g!,
    b! * g! - a! * h!,
    a! * e! - b! * d!,
  ];
  return Float64Array.from(adj, (v) => v / adj[8]!);
}

const IDENTITY = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
// Tilted, turned a little and moved: what a hand does to a held photo between two frames.
const MOVED = Float64Array.of(1.04, 0.05, -9, -0.03, 0.98, 6, 0.0003, -0.0002, 1);
// The face's stable points in frame a: a ring around the middle of the pattern.
const POINTS: Point[] = Array.from({ length: 24 }, (_, k) => [160 + 55 * Math.cos((k * Math.PI) / 12), 120 + 65 * Math.sin((k * Math.PI) / 12)] as const);
const BOX_A: [number, number, number, number] = [100, 50, 120, 140];
const boxB = (): [number, number, number, number] => {
  const pts = POINTS.map((p) => applyHomography(MOVED, p));
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs) - 5, Math.min(...ys) - 5, Math.max(...xs) - Math.min(...xs) + 10, Math.max(...ys) - Math.min(...ys) + 10];
};

describe('textureChange', () => {
  const face = pattern(7);
  const a = facePatch(render(face, IDENTITY), BOX_A);

  it('reads a moved picture as the same pixels, whatever the exposure', () => {
    const b = facePatch(render(face, invert(MOVED)), boxB());
    expect(textureChange(a, b, MOVED, POINTS)).toBeLessThan(0.05);
    const darker = facePatch(render(face, invert(MOVED), 0.6, 20), boxB());
    expect(textureChange(a, darker, MOVED, POINTS)).toBeLessThan(0.05);
  });

  it('reads a glossy picture as the same pixels while a highlight slides over it', () => {
    // A soft face (detail of 20 grey levels) under a room light's reflection 60 levels bright and as
    // wide as the face, over the lower left in one frame and the upper right in the other: too much
    // of the face for the trim, smooth enough for the high-pass.
    const soft = pattern(7, 20);
    const spot = (cx: number, cy: number) => (x: number, y: number) => 60 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 60 ** 2));
    const lit = facePatch(render(soft, IDENTITY, 1, 0, spot(120, 170)), BOX_A);
    const b = facePatch(render(soft, invert(MOVED), 1, 0, spot(210, 80)), boxB());
    expect(textureChange(lit, b, MOVED, POINTS)).toBeLessThan(0.1);
  });

  it('forgives a finger over part of the picture', () => {
    // A dark bar across the lower right of the face in frame b only: about a tenth of the samples.
    const finger = (x: number, y: number) => (x > 185 && x < 215 && y > 130 && y < 185 ? -120 : 0);
    const b = facePatch(render(face, invert(MOVED), 1, 0, finger), boxB());
    expect(textureChange(a, b, MOVED, POINTS)).toBeLessThan(0.1);
  });

  it('reads another picture in the same place as a change', () => {
    const other = facePatch(render(pattern(99), invert(MOVED)), boxB());
    expect(textureChange(a, other, MOVED, POINTS)).toBeGreaterThan(0.5);
  });

  it('makes up for a mesh that sits a few pixels off its face', () => {
    const b = facePatch(render(face, invert(MOVED)), boxB());
    const off = Float64Array.from(MOVED);
    off[2] = MOVED[2]! + 5;
    off[5] = MOVED[5]! - 4;
    expect(textureChange(a, b, off, POINTS)).toBeLessThan(0.05);
  });

  it('needs the move undone: a third of a face off, the same picture does not line up', () => {
    const b = facePatch(render(face, invert(MOVED)), boxB());
    const off = Float64Array.from(MOVED);
    off[2] = MOVED[2]! + 40;
    expect(textureChange(a, b, off, POINTS)).toBeGreaterThan(0.3);
  });

  it('says nothing when the face is outside a patch or has no contrast', () => {
    const far = facePatch(render(face, IDENTITY), [0, 0, 20, 20]);
    expect(textureChange(a, far, IDENTITY, POINTS)).toBeNaN();
    const blank = facePatch(
      render(() => 128, IDENTITY),
      BOX_A,
    );
    expect(textureChange(a, blank, IDENTITY, POINTS)).toBeNaN();
  });
});
