// Measures a track's samples once: per frame pair motion (points and pixels) against reference
// frames, eye openness per frame, antispoof. The verdict (assess.ts) only compares these numbers with the limits.
import type { FacePatch } from '@rollcall/face';
import type { Box } from '../types.ts';
import type { Point } from './fit.ts';
import { eyeOpenness, MESH_POINTS } from './landmarks.ts';
import { meshPoints, pairMotion, type PairMotion } from './motion.ts';
import type { LivenessParams } from './params.ts';

/** What the recognition core keeps per frame of a track for liveness. */
export interface LivenessSample {
  at: number;
  box: Box;
  /** Human's 468 mesh points in frame pixels; null when the mesh was not run this frame. */
  mesh: [number, number][] | null;
  /** The face's pixels in grey; null when the pipeline did not cut them (the light path, a mesh-only test). */
  patch: FacePatch | null;
  /** Human's antispoof score 0..1 (1 = real); NaN when not computed this frame. */
  antispoof: number;
  /** The presentation-attack model's live score 0..1 (1 = live skin); NaN or absent when not computed this frame. */
  pad?: number;
}

export interface TrackEvidence {
  /** Frames in the window with a usable mesh. */
  frames: number;
  /** Frames in the window left out because the face was under minFacePx. */
  small: number;
  /** Milliseconds between the first and last of them. */
  spanMs: number;
  /** Median face box width (px) of those frames; NaN when none. */
  width: number;
  pairs: PairMotion[];
  /** Largest motion of any pair: below the still limit, nothing moved. */
  maxMoved: number;
  /** Eye openness per frame (NaN where unmeasurable). */
  eyes: number[];
  /** 80th percentile of eye openness: the track's open-eye level. */
  openEyes: number;
  /** Least eye openness over the open-eye level; NaN when eyes are not measurable. */
  eyeDrop: number;
  /** Median antispoof over the window; NaN when none was computed. */
  antispoof: number;
  /** Median presentation-attack live score over the window's frames that have one; NaN when none. */
  pad: number;
  /** How many frames of the window have a presentation-attack score. */
  padFrames: number;
}

function quantile(values: number[], q: number): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  return v[Math.min(v.length - 1, Math.max(0, Math.round(q * (v.length - 1))))]!;
}

/** Evenly spread indices 0..n-1, at most k of them, always including the first and last. */
function spreadIndices(n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: k }, (_, i) => Math.round((i * (n - 1)) / (k - 1)));
}

export function measureTrack(samples: readonly LivenessSample[], p: LivenessParams): TrackEvidence {
  const newest = samples.length ? samples[samples.length - 1]!.at : 0;
  const window = samples.filter((s) => s.at >= newest - p.windowMs);
  // Below minFacePx the mesh's own noise is as large as a head's motion: such frames do not count.
  const meshed = window.filter(
    (s): s is LivenessSample & { mesh: [number, number][] } => s.mesh !== null && s.mesh.length >= MESH_POINTS && Math.min(s.box[2], s.box[3]) >= p.minFacePx,
  );
  const spanMs = meshed.length ? meshed[meshed.length - 1]!.at - meshed[0]!.at : 0;
  const geo = spreadIndices(meshed.length, p.maxGeometryFrames).map((i) => meshPoints(meshed[i]!.mesh as Point[], meshed[i]!.patch));
  // Two references (the first and the middle frame): a glitched mesh in one cannot decide alone,
  // and motion is judged over a long enough baseline for a turn to show against the noise.
  const refs = geo.length >= 4 ? [0, Math.floor(geo.length / 2)] : [0];
  const pairs: PairMotion[] = [];
  for (const r of refs) for (let j = r + 1; j < geo.length; j++) pairs.push(pairMotion(geo[r]!, geo[j]!));
  const eyes = meshed.map((s) => eyeOpenness(s.mesh));
  const openEyes = quantile(eyes, 0.8);
  const least = Math.min(...eyes.filter(Number.isFinite));
  // Texture is judged on every frame of the window with a score, small faces too: the model sees
  // the surroundings (bezels, fingers, paper edges) that the mesh cannot.
  const pads = window.map((s) => s.pad ?? Number.NaN).filter(Number.isFinite);
  return {
    frames: meshed.length,
    small: window.filter((s) => Math.min(s.box[2], s.box[3]) < p.minFacePx).length,
    spanMs,
    width: quantile(
      meshed.map((s) => s.box[2]),
      0.5,
    ),
    pairs,
    maxMoved: pairs.reduce((m, q) => Math.max(m, q.moved), 0),
    eyes,
    openEyes,
    eyeDrop: openEyes >= p.minEyeOpenness && Number.isFinite(least) ? least / openEyes : Number.NaN,
    antispoof: quantile(
      window.map((s) => s.antispoof),
      0.5,
    ),
    pad: quantile(pads, 0.5),
    padFrames: pads.length,
  };
}
