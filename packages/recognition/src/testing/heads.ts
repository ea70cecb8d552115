// Synthetic face meshes for the liveness and session tests: a rigid 3D head (depth: nose out,
// oval back) seen by a pinhole camera, and a flat picture of it warped by homographies. Seeded, no photos.
import { prng } from '@rollcall/matcher';
import type { LivenessSample } from '../liveness/evidence.ts';
import { MESH_POINTS } from '../liveness/landmarks.ts';

/** The matcher's seeded PRNG and its normal deviates: one generator for every synthetic fixture. */
export const rng = prng;

export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const NOSE = [168, 6, 197, 195, 5, 4, 1, 2, 98, 327];
const OVAL = [10, 297, 284, 389, 454, 361, 397, 379, 400, 152, 176, 150, 172, 132, 234, 162, 54, 67];
const EYE_L = { c: [33, 133] as const, up: [159, 158, 160], lo: [145, 153, 144], x: -0.4 };
const EYE_R = { c: [362, 263] as const, up: [386, 385, 387], lo: [374, 380, 373], x: 0.4 };

/** A head in head units (radius ~1, y down, z towards the camera); `open` sets the eyelid gap. */
export function head3d(open = 0.3): [number, number, number][] {
  const r = rng(7);
  const pts: [number, number, number][] = [];
  for (let i = 0; i < MESH_POINTS; i++) {
    const a = r() * 2 * Math.PI;
    const d = Math.sqrt(r()) * 0.9;
    const x = d * Math.cos(a);
    const y = 1.25 * d * Math.sin(a);
    pts.push([x, y, 0.8 * Math.sqrt(Math.max(0, 1 - x * x - (y * y) / 1.6))]);
  }
  OVAL.forEach((i, k) => {
    const a = (k / OVAL.length) * 2 * Math.PI - Math.PI / 2;
    pts[i] = [Math.cos(a), 1.3 * Math.sin(a), 0];
  });
  NOSE.forEach((i, k) => (pts[i] = [(k % 3) * 0.08 - 0.08, -0.2 + k * 0.06, 1.0 + 0.04 * k]));
  for (const eye of [EYE_L, EYE_R]) {
    pts[eye.c[0]] = [eye.x - 0.15, -0.25, 0.7];
    pts[eye.c[1]] = [eye.x + 0.15, -0.25, 0.7];
    eye.up.forEach((i, k) => (pts[i] = [eye.x - 0.05 + 0.05 * k, -0.25 - (open * 0.3) / 2, 0.72]));
    eye.lo.forEach((i, k) => (pts[i] = [eye.x - 0.05 + 0.05 * k, -0.25 + (open * 0.3) / 2, 0.72]));
  }
  return pts;
}

/**
 * Pinhole view of the head turned by yaw/pitch (degrees), centred at (cx, cy). The default 80 px
 * head radius is a face about 160 px wide, where liveness limits hold as set (`noiseWidthPx`).
 */
export function project(pts: [number, number, number][], yaw: number, pitch: number, cx = 320, cy = 240, radius = 80): [number, number][] {
  const cyw = Math.cos((yaw * Math.PI) / 180);
  const syw = Math.sin((yaw * Math.PI) / 180);
  const cp = Math.cos((pitch * Math.PI) / 180);
  const sp = Math.sin((pitch * Math.PI) / 180);
  const dist = 8; // camera 8 head radii away: a face at arm's length
  return pts.map(([x, y, z]) => {
    const x1 = cyw * x + syw * z;
    const z1 = -syw * x + cyw * z;
    const y2 = cp * y - sp * z1;
    const z2 = sp * y + cp * z1;
    const k = dist / (dist - z2);
    return [cx + radius * k * x1, cy + radius * k * y2];
  });
}

/** Applies a 3x3 homography (row-major) to 2D points. */
export function warp(pts: [number, number][], h: number[]): [number, number][] {
  return pts.map(([x, y]) => {
    const w = h[6]! * x + h[7]! * y + h[8]!;
    return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
  });
}

/** A hand-held picture at time t: small tilt (perspective), zoom, turn and drift about (cx, cy). */
export function handHomography(t: number, cx = 320, cy = 240): number[] {
  const s = 1 + 0.08 * Math.sin(t * 1.3);
  const th = 0.05 * Math.sin(t * 0.9);
  const px = 0.0012 * Math.sin(t * 1.7);
  const py = 0.001 * Math.cos(t * 1.1);
  const tx = 12 * Math.sin(t * 0.7);
  const ty = 8 * Math.cos(t * 1.9);
  const a = s * Math.cos(th);
  const b = -s * Math.sin(th);
  const c = s * Math.sin(th);
  const d = s * Math.cos(th);
  // x' = (A (x - c0) + t) / (p . (x - c0) + 1) + c0
  return [
    a + cx * px,
    b + cx * py,
    -a * cx - b * cy + tx - cx * (px * cx + py * cy) + cx,
    c + cy * px,
    d + cy * py,
    -c * cx - d * cy + ty - cy * (px * cx + py * cy) + cy,
    px,
    py,
    1 - px * cx - py * cy,
  ];
}

export function jitter(pts: [number, number][], r: () => number, sigma: number): [number, number][] {
  return pts.map(([x, y]) => [x + sigma * gauss(r), y + sigma * gauss(r)]);
}

/** `width`: the face box's width in px (the projected head is about twice its radius wide). */
export function sample(at: number, mesh: [number, number][] | null, antispoof = 0.6, width = 160): LivenessSample {
  return { at, box: [320 - width / 2, 175, width, width * 1.3], mesh, patch: null, antispoof };
}
