// The one image shape the pipeline works on: packed RGB bytes. Node decoders and browser canvases
// both convert to it, so every later step (padding, alignment, quality) is the same code.

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** width * height * 3 bytes, row-major, R G B. */
  readonly data: Uint8Array;
}

/** Largest image accepted, in pixels: 40 MP covers any camera; 8000x8000 (64 MP) is refused. */
export const MAX_PIXELS = 40_000_000;

export function rgbFromRgba(width: number, height: number, rgba: ArrayLike<number>): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
    data[j] = rgba[i]!;
    data[j + 1] = rgba[i + 1]!;
    data[j + 2] = rgba[i + 2]!;
  }
  return { width, height, data };
}

/** Mean colour of the image. */
export function meanColour(img: RgbImage): [number, number, number] {
  const s = [0, 0, 0];
  const n = img.width * img.height;
  for (let i = 0; i < img.data.length; i += 3) {
    s[0]! += img.data[i]!;
    s[1]! += img.data[i + 1]!;
    s[2]! += img.data[i + 2]!;
  }
  return [Math.round(s[0]! / n), Math.round(s[1]! / n), Math.round(s[2]! / n)];
}

/**
 * The part of the image under `region` ([x, y, w, h], whole pixels, may reach past the edges),
 * with whatever lies outside the image filled with its mean colour, so the border adds no edges
 * for the detector to fire on.
 */
export function padRegion(img: RgbImage, [rx, ry, rw, rh]: [number, number, number, number]): RgbImage {
  const data = new Uint8Array(rw * rh * 3);
  const [r, g, b] = meanColour(img);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
  }
  const x0 = Math.max(0, rx);
  const x1 = Math.min(img.width, rx + rw);
  if (x1 > x0) {
    for (let y = Math.max(0, ry); y < Math.min(img.height, ry + rh); y++) {
      const src = (y * img.width + x0) * 3;
      data.set(img.data.subarray(src, src + (x1 - x0) * 3), ((y - ry) * rw + (x0 - rx)) * 3);
    }
  }
  return { width: rw, height: rh, data };
}

/**
 * Puts the image, centred, on a square canvas whose side is its longer side plus `margin` of it
 * on every side. Human's detector squeezes its input to a square, so a wide photo comes out
 * with narrow faces it misses; a square canvas keeps faces in proportion. The margin (for tight
 * crops, where the face fills the frame) brings a face back to a size the detector knows.
 * Returns the image's offset on the canvas to map coordinates back.
 */
export function squareCanvas(img: RgbImage, margin: number): { image: RgbImage; dx: number; dy: number } {
  const long = Math.max(img.width, img.height);
  const side = long + 2 * Math.round(long * margin);
  if (side === img.width && side === img.height) return { image: img, dx: 0, dy: 0 };
  const dx = Math.floor((side - img.width) / 2);
  const dy = Math.floor((side - img.height) / 2);
  return { image: padRegion(img, [-dx, -dy, side, side]), dx, dy };
}

/**
 * The image shrunk by a whole factor `f`, each pixel the mean of an f x f block (an area average:
 * no aliasing for the detector to mistake for edges). A partial block at the right or bottom edge
 * is dropped: at most f - 1 pixels.
 */
export function shrink(img: RgbImage, f: number): RgbImage {
  if (f <= 1) return img;
  const w = Math.floor(img.width / f);
  const h = Math.floor(img.height / f);
  const sums = new Uint32Array(w * 3);
  const data = new Uint8Array(w * h * 3);
  const n = f * f;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < f; dy++) {
      let src = (y * f + dy) * img.width * 3;
      for (let x = 0; x < w; x++) {
        for (let dx = 0; dx < f; dx++, src += 3) {
          sums[x * 3]! += img.data[src]!;
          sums[x * 3 + 1]! += img.data[src + 1]!;
          sums[x * 3 + 2]! += img.data[src + 2]!;
        }
      }
    }
    const row = y * w * 3;
    for (let i = 0; i < w * 3; i++) data[row + i] = Math.round(sums[i]! / n);
  }
  return { width: w, height: h, data };
}

/** Luma (BT.601) of every pixel, 0..255. */
export function toGray(img: RgbImage): Float32Array {
  const out = new Float32Array(img.width * img.height);
  for (let i = 0, j = 0; i < out.length; i++, j += 3) {
    out[i] = 0.299 * img.data[j]! + 0.587 * img.data[j + 1]! + 0.114 * img.data[j + 2]!;
  }
  return out;
}

/** Mirror image (left-right). */
export function flipHorizontal(img: RgbImage): RgbImage {
  const data = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const s = (y * img.width + x) * 3;
      const d = (y * img.width + (img.width - 1 - x)) * 3;
      data[d] = img.data[s]!;
      data[d + 1] = img.data[s + 1]!;
      data[d + 2] = img.data[s + 2]!;
    }
  }
  return { width: img.width, height: img.height, data };
}
