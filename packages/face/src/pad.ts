// Presentation-attack detection from texture: MiniFASNet (minivision-ai/Silent-Face-Anti-Spoofing,
// Apache-2.0, converted to ONNX by models/minifasnet/convert.py) looks at the face with its
// surroundings (2.7x and 4.0x the face box) and tells skin from a screen or a print: moire, screen
// glow, bezels, fingers, paper edges, recapture blur. The crop and the arithmetic are pure and
// here; whatever runs the two networks (onnxruntime-web on wasm, in the worker or in Node) is
// handed in as a `PadNet`.
import type { FrameBox } from './box.ts';
import type { RgbImage } from './image.ts';

/** One network: `n` inputs of 3x80x80 (NCHW, BGR, 0-255) in, `n` x 3 logits out. */
export interface PadNet {
  infer(input: Float32Array, n: number): Promise<Float32Array>;
}

/** The two networks and the crop each was trained on. */
export interface PadModels {
  nets: { net: PadNet; scale: number }[];
}

export const PAD_SIZE = 80;
/** The ONNX files (models/minifasnet) and the scale of the face box each looks at. */
export const PAD_FILES = [
  { file: 'minifasnet-v2-2.7.onnx', scale: 2.7 },
  { file: 'minifasnet-v1se-4.0.onnx', scale: 4.0 },
] as const;

/**
 * The publishers' crop (generate_patches.py `_get_new_box`): the face box scaled by `scale` about
 * its centre (less where the frame is too small for it), shifted, not clipped, back inside the
 * frame, so the network always sees `scale` times the face's surroundings as it did in training.
 * Returns [x0, y0, x1, y1], inclusive, whole pixels.
 */
export function padBox(width: number, height: number, [x, y, w, h]: FrameBox, scale: number): [number, number, number, number] {
  const s = Math.min((height - 1) / h, (width - 1) / w, scale);
  const nw = w * s;
  const nh = h * s;
  const cx = x + w / 2;
  const cy = y + h / 2;
  let x0 = cx - nw / 2;
  let y0 = cy - nh / 2;
  let x1 = cx + nw / 2;
  let y1 = cy + nh / 2;
  if (x0 < 0) [x1, x0] = [x1 - x0, 0];
  if (y0 < 0) [y1, y0] = [y1 - y0, 0];
  if (x1 > width - 1) [x0, x1] = [x0 - (x1 - width + 1), width - 1];
  if (y1 > height - 1) [y0, y1] = [y0 - (y1 - height + 1), height - 1];
  return [Math.trunc(x0), Math.trunc(y0), Math.trunc(x1), Math.trunc(y1)];
}

/**
 * The crop resized to 80x80 as OpenCV's `cv2.resize` (INTER_LINEAR, half-pixel centres, no
 * anti-aliasing) does it, written as BGR floats 0-255 in NCHW order at `out[offset..]`: the
 * networks were trained on exactly these pixels, so a smoother resize would be another input.
 */
export function padInput(img: RgbImage, box: FrameBox, scale: number, out: Float32Array, offset = 0): void {
  const [x0, y0, x1, y1] = padBox(img.width, img.height, box, scale);
  const cw = x1 - x0 + 1;
  const ch = y1 - y0 + 1;
  const plane = PAD_SIZE * PAD_SIZE;
  const fx = cw / PAD_SIZE;
  const fy = ch / PAD_SIZE;
  for (let dy = 0; dy < PAD_SIZE; dy++) {
    const sy = Math.min(Math.max((dy + 0.5) * fy - 0.5, 0), ch - 1);
    const ya = Math.floor(sy);
    const yb = Math.min(ya + 1, ch - 1);
    const wy = sy - ya;
    for (let dx = 0; dx < PAD_SIZE; dx++) {
      const sx = Math.min(Math.max((dx + 0.5) * fx - 0.5, 0), cw - 1);
      const xa = Math.floor(sx);
      const xb = Math.min(xa + 1, cw - 1);
      const wx = sx - xa;
      const at = (yy: number, xx: number) => (Math.min(img.height - 1, Math.max(0, y0 + yy)) * img.width + Math.min(img.width - 1, Math.max(0, x0 + xx))) * 3;
      const a = at(ya, xa);
      const b = at(ya, xb);
      const c = at(yb, xa);
      const d = at(yb, xb);
      for (let ch3 = 0; ch3 < 3; ch3++) {
        // RGB in, BGR out: channel 0 of the network is blue.
        const k = 2 - ch3;
        const top = img.data[a + k]! * (1 - wx) + img.data[b + k]! * wx;
        const bottom = img.data[c + k]! * (1 - wx) + img.data[d + k]! * wx;
        out[offset + ch3 * plane + dy * PAD_SIZE + dx] = top * (1 - wy) + bottom * wy;
      }
    }
  }
}

/** Softmax probability of class 1 (a live face) from one row of 3 logits. */
export function liveProbability(logits: ArrayLike<number>, row = 0): number {
  const l = [logits[3 * row]!, logits[3 * row + 1]!, logits[3 * row + 2]!];
  const m = Math.max(...l);
  const e = l.map((v) => Math.exp(v - m));
  return e[1]! / (e[0]! + e[1]! + e[2]!);
}

/**
 * Each face's live score, 0..1: the mean of the networks' live probabilities, as the publishers
 * combine them. One batch per network for all faces of a frame. NaN for a face too small to crop.
 */
export async function padScores(models: PadModels, img: RgbImage, boxes: readonly FrameBox[]): Promise<number[]> {
  const ok = boxes.map((b) => b[2] >= 2 && b[3] >= 2 && img.width >= 2 && img.height >= 2);
  const use = boxes.filter((_, i) => ok[i]);
  const sums = new Array<number>(use.length).fill(0);
  const len = 3 * PAD_SIZE * PAD_SIZE;
  for (const { net, scale } of models.nets) {
    if (use.length === 0) break;
    const input = new Float32Array(use.length * len);
    use.forEach((b, i) => padInput(img, b, scale, input, i * len));
    const logits = await net.infer(input, use.length);
    // A broken model's NaN carries through to the score: NaN is no evidence either way.
    for (let i = 0; i < use.length; i++) sums[i]! += liveProbability(logits, i);
  }
  let k = 0;
  return ok.map((good) => (good ? sums[k++]! / models.nets.length : Number.NaN));
}
