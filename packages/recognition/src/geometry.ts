// Box overlap: how faces in a new frame are matched to tracks, and how a worker tells which faces
// the light path may skip.
import { iou } from '@rollcall/face';
import type { Box } from './types.ts';

export { iou };

/** Minimum overlap for a face to continue a track (and to be skipped as that track's face). */
export const MIN_TRACK_IOU = 0.3;

/** Whether a face must be embedded this frame: it continues none of the boxes `skipBoxes` gave. */
export function needsEmbedding(box: Box, skip: readonly Box[], minIou = MIN_TRACK_IOU): boolean {
  return !skip.some((s) => iou(s, box) >= minIou);
}
