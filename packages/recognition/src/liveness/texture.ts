// How much a face's pixels changed between two frames once the move the mesh saw is undone. A
// picture moved in front of the camera (a print, a phone) shows the same pixels after the
// homography of its mesh points, up to noise, blur and a cell of misfit; another view of a head
// (turned, lit differently, talking) shows different ones. The mesh alone cannot always tell: on
// a tilted picture the mesh model reads a turned head, so its points stray from the plane.
import type { FacePatch } from '@rollcall/face';
import { applyHomography, type Homography, type Point } from './fit.ts';

/** Grid samples across the inner face; a comparison needs at least MIN_SAMPLES of them inside both patches. */
const GRID = 12;
const MIN_SAMPLES = 64;
/** Grey levels of detail (RMS after the high-pass) under which there is no face texture to compare: a blank frame. */
const MIN_DETAIL = 1;
/** Cells of the high-pass's neighbourhood each side: 5 x 5 cells, about a fifth of the face across. */
const HIGH_PASS = 2;
/** Share of the samples a local change may take (a saturated highlight, a finger) without counting. */
const TRIM = 0.25;
/**
 * Shifts tried on top of the mesh's homography, in cells of frame b's patch: on a small or soft
 * face the mesh can sit a few pixels off the face it was fitted to, and the same picture would
 * then read as changed. A shift cannot line up another view of a face. Nine shifts, not a finer
 * search: this runs for every pair of every undecided track on every frame (`pnpm bench liveness`).
 */
const SHIFTS = [-0.75, 0, 0.75];

/** Each cell minus the mean of its finite neighbours: keeps eyes, brows, nostrils and lips, drops light that changes smoothly across the face. */
function highPass(p: FacePatch): Float32Array {
  const n = p.size;
  const out = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      let count = 0;
      for (let v = Math.max(0, j - HIGH_PASS); v <= Math.min(n - 1, j + HIGH_PASS); v++) {
        for (let u = Math.max(0, i - HIGH_PASS); u <= Math.min(n - 1, i + HIGH_PASS); u++) {
          const x = p.gray[v * n + u]!;
          if (Number.isFinite(x)) {
            sum += x;
            count++;
          }
        }
      }
      out[j * n + i] = count ? p.gray[j * n + i]! - sum / count : Number.NaN;
    }
  }
  return out;
}

/** A track's frames are compared many times over: each patch is high-passed once. */
const highPassed = new WeakMap<FacePatch, Float32Array>();
function detail(p: FacePatch): Float32Array {
  let d = highPassed.get(p);
  if (!d) {
    d = highPass(p);
    highPassed.set(p, d);
  }
  return d;
}

/** Bilinear value of `g` (a patch's cells) at frame pixel (x, y); NaN outside the patch. */
function sample(p: FacePatch, g: Float32Array, x: number, y: number): number {
  const u = (x - p.x) / p.step - 0.5;
  const v = (y - p.y) / p.step - 0.5;
  const i = Math.floor(u);
  const j = Math.floor(v);
  if (i < 0 || j < 0 || i >= p.size - 1 || j >= p.size - 1) return Number.NaN;
  const fu = u - i;
  const fv = v - j;
  const k = j * p.size + i;
  return (g[k]! * (1 - fu) + g[k + 1]! * fu) * (1 - fv) + (g[k + p.size]! * (1 - fu) + g[k + p.size + 1]! * fu) * fv;
}

interface Fit {
  r: number;
  slope: number;
  ma: number;
  mb: number;
  saa: number;
  sbb: number;
}

/** Correlation of a and b over the samples `at`, and the slope and means of b on a. */
function correlate(a: Float64Array, b: Float64Array, at: readonly number[]): Fit {
  let ma = 0;
  let mb = 0;
  for (const k of at) {
    ma += a[k]!;
    mb += b[k]!;
  }
  ma /= at.length;
  mb /= at.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const k of at) {
    sab += (a[k]! - ma) * (b[k]! - mb);
    saa += (a[k]! - ma) ** 2;
    sbb += (b[k]! - mb) ** 2;
  }
  return { r: sab / Math.sqrt(saa * sbb), slope: sab / saa, ma, mb, saa, sbb };
}

const finiteIn = (a: Float64Array, b: Float64Array) => {
  const out: number[] = [];
  for (let k = 0; k < a.length; k++) if (Number.isFinite(a[k]!) && Number.isFinite(b[k]!)) out.push(k);
  return out;
};

/**
 * 1 - the correlation of the inner face's detail in frame `a` (a grid over the middle of the box
 * around `points`, its stable mesh points: eyes, nose, mouth, cheeks, not hair or background)
 * with the same places in frame `b` mapped by `h`. What a moved picture also undergoes does not
 * count: gain and offset (exposure) cancel in the correlation; light that changes smoothly across
 * the face (a highlight sliding over a glossy print or screen: `rollcall liveness --glare`) is
 * taken out by a high-pass; the best of a few shifts of up to a cell makes up for a mesh that sits
 * a little off its face; and the quarter of the samples that fit worst (where a highlight
 * saturates, a finger covers) is left out. 0: the same pixels, moved; up to 2. NaN when too little
 * of the face lies inside both patches or it shows no detail.
 */
export function textureChange(pa: FacePatch, pb: FacePatch, h: Homography, points: readonly Point[]): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const da = detail(pa);
  const db = detail(pb);
  const a = new Float64Array(GRID * GRID);
  const mapped: [number, number][] = [];
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      // The middle 70% across and 80% down: the oval's edge mixes in background that a head's turn uncovers.
      const x = minX + (maxX - minX) * (0.15 + (0.7 * (i + 0.5)) / GRID);
      const y = minY + (maxY - minY) * (0.1 + (0.8 * (j + 0.5)) / GRID);
      a[j * GRID + i] = sample(pa, da, x, y);
      mapped.push(applyHomography(h, [x, y]));
    }
  }
  // The shift whose detail lines up best, judged over all samples; the trimmed fit is taken there.
  let best: { b: Float64Array; at: number[]; fit: Fit } | null = null;
  for (const sy of SHIFTS) {
    for (const sx of SHIFTS) {
      const b = new Float64Array(GRID * GRID);
      for (let k = 0; k < mapped.length; k++) b[k] = sample(pb, db, mapped[k]![0] + sx * pb.step, mapped[k]![1] + sy * pb.step);
      const at = finiteIn(a, b);
      if (at.length < MIN_SAMPLES) continue;
      const fit = correlate(a, b, at);
      // A shift with no detail in view (r NaN) is no candidate.
      if (Number.isFinite(fit.r) && (!best || fit.r > best.fit.r)) best = { b, at, fit };
    }
  }
  if (!best) return Number.NaN;
  const { b, at, fit } = best;
  if (fit.saa < MIN_DETAIL ** 2 * at.length || fit.sbb < MIN_DETAIL ** 2 * at.length) return Number.NaN;
  const residual = (k: number) => Math.abs(b[k]! - fit.mb - fit.slope * (a[k]! - fit.ma));
  const kept = at
    .map((k) => [residual(k), k] as const)
    .sort((x, y) => x[0] - y[0])
    .slice(0, Math.round(at.length * (1 - TRIM)))
    .map(([, k]) => k);
  return 1 - correlate(a, b, kept).r;
}
