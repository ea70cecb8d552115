// Pure TypeScript raster operations for simulated camera frames: perspective warp (bilinear),
// box blur, sensor noise, fills. Slow-but-simple loops over RgbImage; no native image library.
import type { RgbImage } from '@rollcall/face';

export type Mat3 = number[];

export function blank(width: number, height: number, rgb: [number, number, number] = [0, 0, 0]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i);
  return { width, height, data };
}

export function invert3(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-15) throw new Error('singular transform');
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
}

export function mul3(a: Mat3, b: Mat3): Mat3 {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) out[r * 3 + c]! += a[r * 3 + k]! * b[k * 3 + c]!;
  return out;
}

function project(h: Mat3, x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** Draws `src` into `dst` (in place) through `h` (src pixel -> dst pixel), bilinear, edges antialiased by coverage. */
export function drawWarped(dst: RgbImage, src: RgbImage, h: Mat3): void {
  const inv = invert3(h);
  const corners = [project(h, 0, 0), project(h, src.width, 0), project(h, 0, src.height), project(h, src.width, src.height)];
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0]))));
  const x1 = Math.min(dst.width - 1, Math.ceil(Math.max(...corners.map((c) => c[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1]))));
  const y1 = Math.min(dst.height - 1, Math.ceil(Math.max(...corners.map((c) => c[1]))));
  const sw = src.width;
  const s = src.data;
  const d = dst.data;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [u, v] = project(inv, x + 0.5, y + 0.5);
      const fx = u - 0.5;
      const fy = v - 0.5;
      if (fx < -0.5 || fy < -0.5 || fx > src.width - 0.5 || fy > src.height - 0.5) continue;
      const ix = Math.min(Math.max(Math.floor(fx), 0), src.width - 2);
      const iy = Math.min(Math.max(Math.floor(fy), 0), src.height - 2);
      const ax = Math.min(Math.max(fx - ix, 0), 1);
      const ay = Math.min(Math.max(fy - iy, 0), 1);
      const p00 = (iy * sw + ix) * 3;
      const p10 = p00 + 3;
      const p01 = p00 + sw * 3;
      const p11 = p01 + 3;
      const o = (y * dst.width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = s[p00 + c]! * (1 - ax) + s[p10 + c]! * ax;
        const bottom = s[p01 + c]! * (1 - ax) + s[p11 + c]! * ax;
        d[o + c] = Math.round(top * (1 - ay) + bottom * ay);
      }
    }
  }
}

/** Separable box blur of the given radius (0 = unchanged); stands in for focus and motion blur. */
export function boxBlur(img: RgbImage, radius: number): RgbImage {
  if (radius <= 0) return img;
  const { width: w, height: h } = img;
  const tmp = new Float32Array(img.data.length);
  const out = new Uint8Array(img.data.length);
  const n = 2 * radius + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let k = -radius; k <= radius; k++) s += img.data[(y * w + Math.min(w - 1, Math.max(0, x + k))) * 3 + c]!;
        tmp[(y * w + x) * 3 + c] = s / n;
      }
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let k = -radius; k <= radius; k++) s += tmp[(Math.min(h - 1, Math.max(0, y + k)) * w + x) * 3 + c]!;
        out[(y * w + x) * 3 + c] = Math.round(s / n);
      }
    }
  }
  return { width: w, height: h, data: out };
}

/** Adds Gaussian sensor noise of `sigma` grey levels to every channel (in place). */
export function addNoise(img: RgbImage, sigma: number, gauss: () => number): void {
  const d = img.data;
  for (let i = 0; i < d.length; i++) d[i] = Math.min(255, Math.max(0, Math.round(d[i]! + sigma * gauss())));
}

/** Fills a rectangle (clipped) with a colour, in place. */
export function fillRect(img: RgbImage, x: number, y: number, w: number, h: number, rgb: readonly [number, number, number]): void {
  for (let yy = Math.max(0, Math.floor(y)); yy < Math.min(img.height, Math.floor(y + h)); yy++) {
    for (let xx = Math.max(0, Math.floor(x)); xx < Math.min(img.width, Math.floor(x + w)); xx++) img.data.set(rgb, (yy * img.width + xx) * 3);
  }
}

/** Maps every pixel's channels through `f` (contrast, tint), returning a new image. */
export function mapPixels(img: RgbImage, f: (v: number, channel: number, x: number, y: number) => number): RgbImage {
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = Math.min(255, Math.max(0, Math.round(f(img.data[o + c]!, c, x, y))));
    }
  }
  return { width: img.width, height: img.height, data: out };
}
