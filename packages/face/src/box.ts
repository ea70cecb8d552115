// Face boxes and their overlap: how a live frame's faces are matched to tracks (the recognition
// core) and to the decided tracks the light path skips (frame.ts). One definition for both.
export type FrameBox = [x: number, y: number, width: number, height: number];

/** Intersection over union of two [x, y, width, height] boxes, 0..1. */
export function iou(a: FrameBox, b: FrameBox): number {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}
