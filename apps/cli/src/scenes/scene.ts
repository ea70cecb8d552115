// Simulated camera frames of one face: a presentation attack (a photo printed on a sheet or shown
// on a phone, held by a hand that tilts, turns, drifts and blurs it) or a genuine track
// (different photos of the same person in one place, with sensor noise). Seeded; pure TS.
import type { RgbImage } from '@rollcall/face';
import { addNoise, blank, boxBlur, drawWarped, fillRect, mapPixels, mul3, type Mat3 } from './raster.ts';

export interface Rand {
  uniform: () => number;
  gauss: () => number;
}

export interface FrameSize {
  width: number;
  height: number;
}

/** A wall, or a classroom-like scene: window, boards, shelves and furniture blocks of random tones. */
export function background(size: FrameSize, r: Rand, busy: boolean): RgbImage {
  const wall = [150 + 60 * r.uniform(), 140 + 60 * r.uniform(), 130 + 60 * r.uniform()].map(Math.round) as [number, number, number];
  const img = blank(size.width, size.height, wall);
  if (!busy) return img;
  for (let i = 0; i < 14; i++) {
    const w = size.width * (0.05 + 0.3 * r.uniform());
    const h = size.height * (0.05 + 0.4 * r.uniform());
    const tone = [255 * r.uniform(), 255 * r.uniform(), 255 * r.uniform()].map(Math.round) as [number, number, number];
    fillRect(img, r.uniform() * size.width - w / 2, r.uniform() * size.height - h / 2, w, h, tone);
  }
  return boxBlur(img, 1);
}

export type Carrier = 'print' | 'phone';

/** The photo as the attacker holds it: on white paper (slightly washed out) or on a screen in a black bezel. */
export function carrier(photo: RgbImage, kind: Carrier): RgbImage {
  if (kind === 'print') {
    const m = Math.round(0.12 * Math.max(photo.width, photo.height));
    const sheet = blank(photo.width + 2 * m, photo.height + 2 * m, [236, 234, 226]);
    const print = mapPixels(photo, (v) => 30 + 0.82 * v); // ink on paper: lifted blacks, less contrast
    drawWarped(sheet, print, [1, 0, m, 0, 1, m, 0, 0, 1]);
    return sheet;
  }
  const bezel = Math.round(0.08 * photo.width);
  const phone = blank(photo.width + 2 * bezel, photo.height + 4 * bezel, [18, 18, 20]);
  // Screen: a little blue, with a soft diagonal glare.
  const screen = mapPixels(photo, (v, c, x, y) => v * (c === 2 ? 1.03 : 0.97) + 25 * Math.max(0, 1 - Math.abs(x / photo.width - y / photo.height - 0.2) * 4));
  drawWarped(phone, screen, [1, 0, bezel, 0, 1, 2 * bezel, 0, 0, 1]);
  return phone;
}

/** A slow sum of two sines: the way a hand drifts, not jitter. */
export function drift(r: Rand): (t: number) => number {
  const f1 = 0.3 + 0.5 * r.uniform();
  const f2 = 0.8 + 1.2 * r.uniform();
  const p1 = 2 * Math.PI * r.uniform();
  const p2 = 2 * Math.PI * r.uniform();
  return (t) => 0.7 * Math.sin(2 * Math.PI * f1 * t + p1) + 0.3 * Math.sin(2 * Math.PI * f2 * t + p2);
}

const FOCAL = 700;

/**
 * Where a flat object lies in the frame at time t (seconds): a pinhole view of the plane turned
 * by up to `tiltDeg` about both axes and `rollDeg` in-plane, drifting `shift` px, zooming by
 * `zoom`. Returns object pixel -> frame pixel.
 */
export function handMotion(
  size: FrameSize,
  object: FrameSize,
  apparentWidth: number,
  r: Rand,
  o: { tiltDeg: number; rollDeg: number; shift: number; zoom: number },
) {
  const [yaw, pitch, roll, dx, dy, dz] = [drift(r), drift(r), drift(r), drift(r), drift(r), drift(r)];
  const cx = size.width * (0.35 + 0.3 * r.uniform());
  const cy = size.height * (0.4 + 0.2 * r.uniform());
  const depth = (FOCAL * object.width) / apparentWidth;
  return (t: number): Mat3 => {
    const a = (yaw(t) * o.tiltDeg * Math.PI) / 180;
    const b = (pitch(t) * o.tiltDeg * Math.PI) / 180;
    const g = (roll(t) * o.rollDeg * Math.PI) / 180;
    // R = Ry(a) Rx(b) Rz(g); only its first two columns matter for a plane at z = 0.
    const [ca, sa, cb, sb, cg, sg] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), Math.cos(g), Math.sin(g)];
    const rz = [cg, -sg, 0, sg, cg, 0, 0, 0, 1];
    const rx = [1, 0, 0, 0, cb, -sb, 0, sb, cb];
    const ry = [ca, 0, sa, 0, 1, 0, -sa, 0, ca];
    const rot = mul3(ry, mul3(rx, rz));
    const tz = depth * (1 + o.zoom * dz(t));
    const tx = (dx(t) * o.shift * tz) / FOCAL;
    const ty = (dy(t) * o.shift * tz) / FOCAL;
    const k = [FOCAL, 0, cx, 0, FOCAL, cy, 0, 0, 1];
    const plane = [rot[0]!, rot[1]!, tx, rot[3]!, rot[4]!, ty, rot[6]!, rot[7]!, tz];
    const centre = [1, 0, -object.width / 2, 0, 1, -object.height / 2, 0, 0, 1];
    return mul3(k, mul3(plane, centre));
  };
}

/**
 * A glossy print or screen under a room light: a soft highlight on the picture whose place
 * (`at`, fractions of the carrier's width and height) the caller moves from frame to frame, as a
 * reflection slides when the sheet turns. It is not tied to the hand's tilt, only as fast. It adds
 * up to `strength` grey levels at its centre.
 */
export function withGlare(held: RgbImage, at: { x: number; y: number }, strength = 90): RgbImage {
  const cx = at.x * held.width;
  const cy = at.y * held.height;
  const s2 = 2 * (0.2 * Math.min(held.width, held.height)) ** 2;
  return mapPixels(held, (v, _c, x, y) => v + strength * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / s2));
}

/** One attack frame: the carrier drawn through the hand's transform, blurred when the hand moves fast, plus noise. */
export function attackFrame(bg: RgbImage, held: RgbImage, at: Mat3, blur: number, r: Rand, noise: number): RgbImage {
  const frame: RgbImage = { width: bg.width, height: bg.height, data: Uint8Array.from(bg.data) };
  drawWarped(frame, held, at);
  const out = boxBlur(frame, blur);
  addNoise(out, noise, r.gauss);
  return out;
}

/** One genuine frame: the person's current photo at a fixed place and size, plus per-frame noise. */
export function genuineFrame(bg: RgbImage, photo: RgbImage, place: { x: number; y: number; width: number }, blur: number, r: Rand, noise: number): RgbImage {
  const frame: RgbImage = { width: bg.width, height: bg.height, data: Uint8Array.from(bg.data) };
  const s = place.width / photo.width;
  drawWarped(frame, photo, [s, 0, place.x - (photo.width * s) / 2, 0, s, place.y - (photo.height * s) / 2, 0, 0, 1]);
  const out = boxBlur(frame, blur);
  addNoise(out, noise, r.gauss);
  return out;
}
