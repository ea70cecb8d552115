// Always analyse a face with context: a face that touches the picture's border or fills most of it
// (school ID photos, tight crops, a student at the edge of a live frame) is detected again on a
// crop around it with room on every side, filled with the picture's mean colour where the crop
// reaches past the edge. The detector then sees a face of a size and framing it knows, and the
// mesh, the pose and the aligned chip come out as for any other face (on tight webcam crops this
// alone moved TAR at FAR 0.1% from 25% to 93%; docs/accuracy.md).
import type { PipelineOptions } from './config.ts';
import { detectFaces, type DetectedFace, type HumanLike } from './detector.ts';
import { padRegion, type RgbImage } from './image.ts';

type Box = [number, number, number, number];

/** Whether a face needs context: near an edge (by a share of its own size) or covering much of the picture. */
export function needsContext(box: Box, img: { width: number; height: number }, o: Pick<PipelineOptions, 'contextEdge' | 'contextCover'>): boolean {
  const [x, y, w, h] = box;
  const room = Math.min(x, y, img.width - (x + w), img.height - (y + h));
  return room < o.contextEdge * Math.max(w, h) || w * h > o.contextCover * img.width * img.height;
}

function overlap(a: Box, b: Box): number {
  const iw = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const ih = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = iw * ih;
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
}

/** A face seen with context: the detection in frame coordinates, and the crop (with its offset) its chip is cut from. */
export interface FaceInContext {
  face: DetectedFace;
  crop: { image: RgbImage; x: number; y: number } | null;
}

/**
 * Re-detects one face on a square crop `contextMargin` of its longer side larger on every side.
 * Keeps the original detection when the crop finds no face overlapping it.
 */
export async function withContext(human: HumanLike, img: RgbImage, face: DetectedFace, o: Pick<PipelineOptions, 'contextMargin'>): Promise<FaceInContext> {
  const [x, y, w, h] = face.box;
  const side = Math.round(Math.max(w, h) * (1 + 2 * o.contextMargin));
  const cx = Math.round(x + w / 2 - side / 2);
  const cy = Math.round(y + h / 2 - side / 2);
  const image = padRegion(img, [cx, cy, side, side]);
  let best: DetectedFace | null = null;
  let bestOverlap = 0.3;
  for (const f of await detectFaces(human, image)) {
    const moved: DetectedFace = { ...f, box: [f.box[0] + cx, f.box[1] + cy, f.box[2], f.box[3]], mesh: f.mesh.map(([px, py]) => [px + cx, py + cy]) };
    const o2 = overlap(moved.box, face.box);
    if (o2 > bestOverlap) [best, bestOverlap] = [moved, o2];
  }
  return best ? { face: best, crop: { image, x: cx, y: cy } } : { face, crop: null };
}
