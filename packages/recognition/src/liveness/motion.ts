// How one tracked face changed between two frames, in units of the face's own size: how far it
// moved, how much of that a move/zoom/in-plane turn cannot explain, and how much even a
// perspective transform of a flat picture cannot explain (what only a 3D head produces), and how
// much the face's pixels changed once that transform is undone (texture.ts).
import { fitHomography, similarityHomography, spread, transferErrors, trimmedMean, type Point } from './fit.ts';
import type { FacePatch } from '@rollcall/face';
import { EXPRESSION_POINTS, pick, STABLE_POINTS } from './landmarks.ts';
import { textureChange } from './texture.ts';

export interface PairMotion {
  /** RMS displacement of the stable points, over the face's RMS radius. */
  moved: number;
  /** Residual after the best similarity (move, zoom, in-plane turn), same unit. */
  warp: number;
  /** Residual after a robust homography: ~ landmark noise for any flat picture, more for a head. */
  nonPlanar: number;
  /** Lips and eyelids against that homography: expression, speech, blinks. */
  expression: number;
  /**
   * How much the face's pixels changed once that homography is undone (1 - correlation, see
   * textureChange): ~0 for a picture that was only moved, more for another view of a head. NaN
   * when a frame had no patch.
   */
  texture: number;
}

/** The points one frame contributes: stable ones for the fit, expression ones judged against it. */
export interface MeshPoints {
  stable: Point[];
  expression: Point[];
  /** The frame's pixels around the face, when the pipeline kept them. */
  patch: FacePatch | null;
}

export function meshPoints(mesh: readonly Point[], patch: FacePatch | null = null): MeshPoints {
  return { stable: pick(mesh, STABLE_POINTS), expression: pick(mesh, EXPRESSION_POINTS), patch };
}

/** Huber knee of the homography fit as a fraction of the face radius (about 2 px on a 100 px face). */
const HUBER_KNEE = 0.04;

export function pairMotion(pa: MeshPoints, pb: MeshPoints): PairMotion {
  const a = pa.stable;
  const b = pb.stable;
  const scale = spread(a).rms;
  if (!(scale > 0)) return { moved: 0, warp: 0, nonPlanar: 0, expression: 0, texture: Number.NaN };
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i]![0] - b[i]![0]) ** 2 + (a[i]![1] - b[i]![1]) ** 2;
  const moved = Math.sqrt(d / a.length) / scale;
  const warp = trimmedMean(transferErrors(similarityHomography(a, b), a, b)) / scale;
  const h = fitHomography(a, b, HUBER_KNEE * scale);
  // A homography that cannot be fitted (degenerate points) explains nothing: report the warp.
  const nonPlanar = h ? trimmedMean(transferErrors(h, a, b)) / scale : warp;
  const expression = h ? trimmedMean(transferErrors(h, pa.expression, pb.expression), 0.75) / scale : warp;
  const texture = h && pa.patch && pb.patch ? textureChange(pa.patch, pb.patch, h, a) : Number.NaN;
  return { moved, warp, nonPlanar, expression, texture };
}
