// Box overlap: how faces in a new frame are matched to tracks, and how a worker tells which faces
// the light path may skip.
import type { Box } from './types.ts';

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

/** Minimum overlap for a face to continue a track (and to be skipped as that track's face). */
export const MIN_TRACK_IOU = 0.3;

/** Whether a face must be embedded this frame: it continues none of the boxes `skipBoxes` gave. */
export function needsEmbedding(box: Box, skip: readonly Box[], minIou = MIN_TRACK_IOU): boolean {
  return !skip.some((s) => iou(s, box) >= minIou);
}
