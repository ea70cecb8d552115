// A small grey copy of the pixels around a face, kept per frame of a track so track liveness can
// compare what a face looks like across frames: a picture that was only moved looks the same once
// the move is undone; another view of a head does not (packages/recognition, liveness/texture.ts).
import type { FrameBox } from './box.ts';
import type { RgbImage } from './image.ts';

/** Plain data (it crosses postMessage): `size` x `size` cells, each the mean grey of a square of frame pixels. */
export interface FacePatch {
  /** Frame pixel where cell (0, 0) starts. */
  x: number;
  y: number;
  /** Side of one cell in frame pixels. */
  step: number;
  /** Cells per side. */
  size: number;
  /** Mean grey (0-255) per cell, row-major; NaN where the cell lies outside the frame. */
  gray: Float32Array;
}

/**
 * 32 cells across a face: about a cell per 4 px of a 100 px face, coarse enough that sensor noise
 * and a pixel of mesh misfit average out, fine enough to show eyes, nose and mouth.
 */
export const PATCH_CELLS = 32;
/** Context on each side of the box, as a fraction of its longer side: the mesh can reach past the box. */
export const PATCH_MARGIN = 0.15;

/** The pixel rows (or columns) a cell takes: those from the one its start falls in up to the one its end falls in (at least one), clipped to the frame: none when outside it. */
function span(start: number, step: number, limit: number): [number, number] {
  const a = Math.floor(start);
  const b = Math.max(a + 1, Math.floor(start + step));
  return [Math.max(0, a), Math.min(limit, b)];
}

export function facePatch(img: RgbImage, box: FrameBox, cells = PATCH_CELLS, margin = PATCH_MARGIN): FacePatch {
  const side = Math.max(box[2], box[3]) * (1 + 2 * margin);
  const step = side / cells;
  const x = box[0] + box[2] / 2 - side / 2;
  const y = box[1] + box[3] / 2 - side / 2;
  const gray = new Float32Array(cells * cells);
  for (let j = 0; j < cells; j++) {
    const [y0, y1] = span(y + j * step, step, img.height);
    for (let i = 0; i < cells; i++) {
      const [x0, x1] = span(x + i * step, step, img.width);
      let sum = 0;
      let n = 0;
      for (let py = y0; py < y1; py++) {
        for (let px = x0; px < x1; px++) {
          const k = (py * img.width + px) * 3;
          sum += 0.299 * img.data[k]! + 0.587 * img.data[k + 1]! + 0.114 * img.data[k + 2]!;
          n++;
        }
      }
      gray[j * cells + i] = n ? sum / n : Number.NaN;
    }
  }
  return { x, y, step, size: cells, gray };
}
