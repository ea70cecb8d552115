// Face chip alignment: a similarity transform from Human's 468-point mesh to dlib's mean face,
// then a resampled square chip, the input face-api's recognition network (a dlib ResNet port)
// was trained on. Pure maths on RgbImage, identical in the browser and in Node.
import type { RgbImage } from './image.ts';

export type Point2 = readonly [number, number];

/**
 * dlib's 68-point mean face (as published with OpenFace, min-max normalised over all 68 points).
 * Only the entries referenced by ANCHORS are used.
 */
const DLIB_MEAN_FACE: Record<number, Point2> = {
  17: [0.163846223133, 0.249151738053],
  24: [0.737466449096, 0.182360984545],
  26: [0.8707571886, 0.235293377042],
  27: [0.51534533827, 0.31863546193],
  30: [0.51816430343, 0.553157797772],
  33: [0.520712933176, 0.634268222208],
  36: [0.252418718401, 0.331052263829],
  39: [0.403718978315, 0.33867711083],
  42: [0.631326076346, 0.334136672344],
  45: [0.782865376271, 0.321305281656],
  48: [0.353167761422, 0.746189164237],
  51: [0.522732900812, 0.717092275768],
  54: [0.69951672331, 0.739419187253],
  57: [0.525398405766, 0.841706377792],
};

// dlib's get_face_chip_details normalises its template over the 51 inner points (17..67):
// x spans point 17 to 26, y spans point 24 to 57.
const X0 = DLIB_MEAN_FACE[17]![0];
const X1 = DLIB_MEAN_FACE[26]![0];
const Y0 = DLIB_MEAN_FACE[24]![1];
const Y1 = DLIB_MEAN_FACE[57]![1];

/** dlib landmark index -> MediaPipe face-mesh index (Human's mesh) for stable, rigid points. */
export const ANCHORS: readonly (readonly [dlib: number, mesh: number])[] = [
  [36, 33], // eye outer corner, image left
  [39, 133], // eye inner corner, image left
  [42, 362], // eye inner corner, image right
  [45, 263], // eye outer corner, image right
  [27, 168], // top of the nose bridge
  [30, 1], // nose tip
  [33, 2], // base of the nose
  [48, 61], // mouth corner, image left
  [54, 291], // mouth corner, image right
  [51, 0], // top of the upper lip
  [57, 17], // bottom of the lower lip
];

/** Where each anchor lands in a `size`-pixel chip with dlib's `padding` (0.25 = dlib's default). */
export function chipTemplate(size: number, padding: number): Point2[] {
  return ANCHORS.map(([d]) => {
    const [x, y] = DLIB_MEAN_FACE[d]!;
    const nx = (x - X0) / (X1 - X0);
    const ny = (y - Y0) / (Y1 - Y0);
    return [((nx + padding) / (1 + 2 * padding)) * size, ((ny + padding) / (1 + 2 * padding)) * size] as const;
  });
}

/** x' = a*x - b*y + tx, y' = b*x + a*y + ty: rotation, uniform scale and shift. */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/** Least-squares similarity mapping `from[i]` onto `to[i]` (no reflection). */
export function fitSimilarity(from: readonly Point2[], to: readonly Point2[]): Similarity {
  const n = from.length;
  if (n < 2 || to.length !== n) throw new RangeError('fitSimilarity needs two or more matching points');
  let fx = 0,
    fy = 0,
    gx = 0,
    gy = 0;
  for (let i = 0; i < n; i++) {
    fx += from[i]![0];
    fy += from[i]![1];
    gx += to[i]![0];
    gy += to[i]![1];
  }
  fx /= n;
  fy /= n;
  gx /= n;
  gy /= n;
  let num_a = 0,
    num_b = 0,
    den = 0;
  for (let i = 0; i < n; i++) {
    const px = from[i]![0] - fx,
      py = from[i]![1] - fy;
    const qx = to[i]![0] - gx,
      qy = to[i]![1] - gy;
    num_a += px * qx + py * qy;
    num_b += px * qy - py * qx;
    den += px * px + py * py;
  }
  if (!(den > 0)) throw new RangeError('fitSimilarity: all points coincide');
  const a = num_a / den;
  const b = num_b / den;
  return { a, b, tx: gx - (a * fx - b * fy), ty: gy - (b * fx + a * fy) };
}

export function applySimilarity(t: Similarity, p: Point2): Point2 {
  return [t.a * p[0] - t.b * p[1] + t.tx, t.b * p[0] + t.a * p[1] + t.ty];
}

/** Picks the anchor points out of a 468-point mesh ([x, y, z?] in image pixels). */
export function meshAnchors(mesh: readonly (readonly number[])[]): Point2[] {
  return ANCHORS.map(([, m]) => {
    const p = mesh[m];
    if (!p || p.length < 2) throw new RangeError(`mesh has no point ${m}`);
    return [p[0]!, p[1]!] as const;
  });
}

/**
 * Resamples the chip: each chip pixel is mapped into the image by `chipToImage` and read
 * bilinearly; where one chip pixel covers several image pixels it averages a grid of samples so
 * large faces are not aliased. Outside the image is black, as in dlib's extract_image_chip.
 */
export function warpChip(img: RgbImage, chipToImage: Similarity, size: number): RgbImage {
  const scale = Math.hypot(chipToImage.a, chipToImage.b);
  const k = Math.min(4, Math.max(1, Math.ceil(scale)));
  const out = new Uint8Array(size * size * 3);
  const { width: w, height: h, data } = img;
  const { a, b, tx, ty } = chipToImage;
  const norm = 1 / (k * k);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        bl = 0;
      for (let sy = 0; sy < k; sy++) {
        const cy = y + (sy + 0.5) / k - 0.5;
        for (let sx = 0; sx < k; sx++) {
          const cx = x + (sx + 0.5) / k - 0.5;
          const ix = a * cx - b * cy + tx;
          const iy = b * cx + a * cy + ty;
          const x0 = Math.floor(ix),
            y0 = Math.floor(iy);
          const dx = ix - x0,
            dy = iy - y0;
          // Weights of the four neighbours; a neighbour outside the image contributes black.
          const w00 = (1 - dx) * (1 - dy),
            w10 = dx * (1 - dy),
            w01 = (1 - dx) * dy,
            w11 = dx * dy;
          const inX0 = x0 >= 0 && x0 < w,
            inX1 = x0 + 1 >= 0 && x0 + 1 < w;
          if (y0 >= 0 && y0 < h) {
            const row = y0 * w;
            if (inX0) {
              const i = (row + x0) * 3;
              r += data[i]! * w00;
              g += data[i + 1]! * w00;
              bl += data[i + 2]! * w00;
            }
            if (inX1) {
              const i = (row + x0 + 1) * 3;
              r += data[i]! * w10;
              g += data[i + 1]! * w10;
              bl += data[i + 2]! * w10;
            }
          }
          if (y0 + 1 >= 0 && y0 + 1 < h) {
            const row = (y0 + 1) * w;
            if (inX0) {
              const i = (row + x0) * 3;
              r += data[i]! * w01;
              g += data[i + 1]! * w01;
              bl += data[i + 2]! * w01;
            }
            if (inX1) {
              const i = (row + x0 + 1) * 3;
              r += data[i]! * w11;
              g += data[i + 1]! * w11;
              bl += data[i + 2]! * w11;
            }
          }
        }
      }
      const o = (y * size + x) * 3;
      out[o] = Math.round(r * norm);
      out[o + 1] = Math.round(g * norm);
      out[o + 2] = Math.round(bl * norm);
    }
  }
  return { width: size, height: size, data: out };
}

/** The aligned chip of one face, from its mesh. */
export function alignFace(img: RgbImage, mesh: readonly (readonly number[])[], size: number, padding: number): RgbImage {
  const chipToImage = fitSimilarity(chipTemplate(size, padding), meshAnchors(mesh));
  return warpChip(img, chipToImage, size);
}
