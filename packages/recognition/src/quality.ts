// How much one frame of a face may count towards its track's decision. Closed eyes, heavy blur,
// a strong turn or a small face make the face-api embedding drift (a blurred, eyes-closed probe was
// once accepted as the wrong student), so such frames weigh less or not at all, and the
// reasons travel with the decision so it stays explainable.
import type { FaceObservation } from './types.ts';

export interface FrameQualityParams {
  /** Face size (shorter box side, px) below which a frame does not count, and from which it counts fully. */
  minSize: number;
  fullSize: number;
  /** Sharpness (see @rollcall/face quality.ts) below which a frame does not count, and from which it counts fully. */
  minSharpness: number;
  fullSharpness: number;
  /** Head turn (max of |yaw|, |pitch|, degrees) from which a frame weighs less, and at which it stops counting. */
  turnFrom: number;
  maxTurn: number;
  /** Eye aspect ratio (mesh) below which both eyes count as closed and the frame does not count. */
  minEyeOpen: number;
  /** Frames weighing less than this do not count at all. */
  minWeight: number;
}

/**
 * Measured with `rollcall eval` on ../shared/faces (docs/accuracy.md, "Frame quality"): closed eyes
 * (yale's sleepy and wink photos) read 0.15-0.18 on the mesh against a median of 0.26; frames are
 * excluded only when heavy blur (bbt's softest TV stills score 0.3) or a near-profile turn (Human's
 * yaw reads ~40 on a 60 degree profile) leave little of the face, as stricter limits cost bbt 13
 * points of single-photo TAR without preventing a wrong mark. Size follows the enrolment gate
 * (80 px counts fully; half of it no longer counts).
 */
export const DEFAULT_FRAME_QUALITY: FrameQualityParams = {
  minSize: 40,
  fullSize: 80,
  minSharpness: 0.3,
  fullSharpness: 2,
  turnFrom: 30,
  maxTurn: 60,
  minEyeOpen: 0.15,
  minWeight: 0.2,
};

export type FrameFlaw = 'small' | 'blurred' | 'turned' | 'eyes-closed';

export interface FrameQuality {
  /** 0..1; 0 = does not count. */
  weight: number;
  flaws: FrameFlaw[];
}

/** 0 at or below `from`, 1 at or above `to`, linear between. */
function ramp(x: number, from: number, to: number): number {
  if (x <= from) return 0;
  if (x >= to) return 1;
  return (x - from) / (to - from);
}

// Human's 468-point mesh: corners and two upper/lower pairs of each eye (MediaPipe numbering).
const EYES = [
  {
    corners: [33, 133],
    pairs: [
      [160, 144],
      [158, 153],
    ],
  },
  {
    corners: [362, 263],
    pairs: [
      [385, 380],
      [387, 373],
    ],
  },
] as const;

const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Mean eye aspect ratio of both eyes (eyelid gap over eye width); null without a usable mesh. */
export function eyeOpenness(mesh: readonly [number, number][] | null): number | null {
  if (!mesh || mesh.length < 468) return null;
  let sum = 0;
  for (const eye of EYES) {
    const width = dist(mesh[eye.corners[0]]!, mesh[eye.corners[1]]!);
    if (!(width > 0)) return null;
    const gap = eye.pairs.reduce((s, [u, l]) => s + dist(mesh[u]!, mesh[l]!), 0) / eye.pairs.length;
    sum += gap / width;
  }
  return sum / EYES.length;
}

export function frameQuality(face: FaceObservation, p: FrameQualityParams = DEFAULT_FRAME_QUALITY): FrameQuality {
  const flaws: FrameFlaw[] = [];
  const size = ramp(face.size, p.minSize, p.fullSize);
  if (size < 1) flaws.push('small');
  // NaN: not aligned this frame, nothing known against it.
  const sharp = Number.isFinite(face.sharpness) ? ramp(face.sharpness, p.minSharpness, p.fullSharpness) : 1;
  if (sharp < 1) flaws.push('blurred');
  const turn = Math.max(Math.abs(face.pose.yaw), Math.abs(face.pose.pitch));
  const pose = 1 - ramp(turn, p.turnFrom, p.maxTurn);
  if (pose < 1) flaws.push('turned');
  const eyes = eyeOpenness(face.mesh);
  const open = eyes === null || eyes >= p.minEyeOpen ? 1 : 0;
  if (!open) flaws.push('eyes-closed');
  const w = size * sharp * pose * open;
  return { weight: w < p.minWeight ? 0 : Math.round(w * 1000) / 1000, flaws };
}
