// Robust 2D fits between two sets of corresponding points: a similarity (move, zoom, in-plane
// turn) and a homography (what any flat picture undergoes when it is moved in front of a camera).
// Small dense linear algebra only: it runs for every tracked face on every frame.

import { fitSimilarity } from '@rollcall/face';

export type Point = readonly [number, number];

/** Row-major 3x3, h[8] = 1. */
export type Homography = Float64Array;

/** Solves A x = b (n x n, row-major) by Gaussian elimination with partial pivoting; null if singular. */
export function solve(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    const pivot = m[p * n + c]!;
    if (Math.abs(pivot) < 1e-12) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k]!;
        m[c * n + k] = m[p * n + k]!;
        m[p * n + k] = t;
      }
      const t = x[c]!;
      x[c] = x[p]!;
      x[p] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * x[k]!;
    x[r] = s / m[r * n + r]!;
  }
  return x;
}

/** Centroid and RMS distance from it: the scale every residual is divided by. */
export function spread(pts: readonly Point[]): { cx: number; cy: number; rms: number } {
  let cx = 0;
  let cy = 0;
  for (const [x, y] of pts) {
    cx += x;
    cy += y;
  }
  cx /= pts.length;
  cy /= pts.length;
  let s = 0;
  for (const [x, y] of pts) s += (x - cx) ** 2 + (y - cy) ** 2;
  return { cx, cy, rms: Math.sqrt(s / pts.length) };
}

export function applyHomography(h: Homography, [x, y]: Point): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** Distance of each mapped point of `a` from its partner in `b`. */
export function transferErrors(h: Homography, a: readonly Point[], b: readonly Point[]): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const [x, y] = applyHomography(h, a[i]!);
    out[i] = Math.hypot(x - b[i]![0], y - b[i]![1]);
  }
  return out;
}

/** Hartley normalisation: centroid to 0, RMS distance to sqrt(2); returns T as a 3x3. */
function normaliser(pts: readonly Point[]): Float64Array {
  const { cx, cy, rms } = spread(pts);
  const s = rms > 0 ? Math.SQRT2 / rms : 1;
  return Float64Array.of(s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1);
}

function mul3(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  return out;
}

function invertNormaliser(t: Float64Array): Float64Array {
  const s = t[0]!;
  return Float64Array.of(1 / s, 0, -t[2]! / s, 0, 1 / s, -t[5]! / s, 0, 0, 1);
}

/** Weighted least-squares homography a -> b (DLT with h33 = 1, on normalised coordinates). */
function weightedHomography(a: readonly Point[], b: readonly Point[], w: Float64Array, ta: Float64Array, tb: Float64Array): Homography | null {
  const ata = new Float64Array(64);
  const atb = new Float64Array(8);
  const row = new Float64Array(8);
  const add = (rhs: number, wi: number) => {
    for (let r = 0; r < 8; r++) {
      if (row[r] === 0) continue;
      const v = wi * row[r]!;
      for (let c = 0; c < 8; c++) ata[r * 8 + c]! += v * row[c]!;
      atb[r]! += v * rhs;
    }
  };
  for (let i = 0; i < a.length; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const x = ta[0]! * a[i]![0] + ta[2]!;
    const y = ta[4]! * a[i]![1] + ta[5]!;
    const u = tb[0]! * b[i]![0] + tb[2]!;
    const v = tb[4]! * b[i]![1] + tb[5]!;
    row.set([x, y, 1, 0, 0, 0, -x * u, -y * u]);
    add(u, wi);
    row.set([0, 0, 0, x, y, 1, -x * v, -y * v]);
    add(v, wi);
  }
  const h = solve(ata, atb, 8);
  if (!h) return null;
  const hn = Float64Array.of(h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1);
  const full = mul3(mul3(invertNormaliser(tb), hn), ta);
  const k = full[8]!;
  if (Math.abs(k) < 1e-12) return null;
  for (let i = 0; i < 9; i++) full[i]! /= k;
  return full;
}

/**
 * Homography a -> b by iteratively reweighted least squares (Huber weights, `iterations` rounds):
 * a few glitched landmarks do not bend the fit, while a systematic departure from a plane (a nose
 * that moves against the cheeks) stays in the residuals. `scale` sets the Huber knee in pixels.
 */
export function fitHomography(a: readonly Point[], b: readonly Point[], scale: number, iterations = 4): Homography | null {
  if (a.length < 4 || a.length !== b.length) return null;
  const ta = normaliser(a);
  const tb = normaliser(b);
  const w = new Float64Array(a.length).fill(1);
  let h = weightedHomography(a, b, w, ta, tb);
  for (let it = 1; it < iterations && h; it++) {
    const e = transferErrors(h, a, b);
    for (let i = 0; i < e.length; i++) w[i] = e[i]! <= scale ? 1 : scale / e[i]!;
    h = weightedHomography(a, b, w, ta, tb) ?? h;
  }
  return h;
}

/** Least-squares similarity a -> b (the face chip's own fit) as a homography; a and b must not coincide. */
export function similarityHomography(a: readonly Point[], b: readonly Point[]): Homography {
  const { a: c, b: s, tx, ty } = fitSimilarity(a, b);
  return Float64Array.of(c, -s, tx, s, c, ty, 0, 0, 1);
}

/** Mean of the smallest `keep` fraction of the values: one glitched landmark does not count. */
export function trimmedMean(v: Float64Array, keep = 0.9): number {
  const sorted = Float64Array.from(v).sort();
  const n = Math.max(1, Math.round(sorted.length * keep));
  let s = 0;
  for (let i = 0; i < n; i++) s += sorted[i]!;
  return s / n;
}
