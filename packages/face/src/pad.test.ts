import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FaceError } from './errors.ts';
import type { RgbImage } from './image.ts';
import { liveProbability, PAD_SIZE, padBox, padInput, padScores, type PadModels, type PadNet } from './pad.ts';
import { padModelsFromOrt, type OrtLike } from './pad-ort.ts';

const MODELS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models/minifasnet');
const PLANE = PAD_SIZE * PAD_SIZE;

describe('the publishers crop (generate_patches.py)', () => {
  it('scales the box about its centre', () => {
    expect(padBox(1000, 1000, [400, 400, 100, 100], 2.7)).toEqual([315, 315, 585, 585]);
  });

  it('slides a crop that would leave the frame back inside it, keeping its size', () => {
    // Centre 60,60, 270 wide: -75..195 slides to 0..270.
    expect(padBox(1000, 1000, [10, 10, 100, 100], 2.7)).toEqual([0, 0, 270, 270]);
    expect(padBox(1000, 1000, [880, 880, 100, 100], 2.7)).toEqual([729, 729, 999, 999]);
  });

  it('shrinks the scale where the frame is too small for it', () => {
    // A 300 px face in a 640x480 frame: 4.0x would be 1200 px; it gets (480-1)/300 = 1.597x.
    const [x0, y0, x1, y1] = padBox(640, 480, [170, 90, 300, 300], 4.0);
    expect(y1 - y0).toBeGreaterThanOrEqual(478);
    expect(y0).toBeGreaterThanOrEqual(0);
    expect(y1).toBeLessThanOrEqual(479);
    expect(x1 - x0).toBe(y1 - y0);
  });
});

describe('the network input', () => {
  const image = (w: number, h: number, px: (x: number, y: number) => [number, number, number]): RgbImage => {
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(px(x, y), (y * w + x) * 3);
    return { width: w, height: h, data };
  };

  it('is BGR, 0-255, planes in NCHW order', () => {
    const img = image(200, 200, () => [10, 20, 30]);
    const out = new Float32Array(3 * PLANE);
    padInput(img, [50, 50, 100, 100], 1, out);
    expect([out[0], out[PLANE], out[2 * PLANE]]).toEqual([30, 20, 10]);
    expect(out.every((v) => v === 10 || v === 20 || v === 30)).toBe(true);
  });

  it('resamples as cv2.resize INTER_LINEAR: a 160 px ramp halves to the mean of each pixel pair', () => {
    // A 159 px box's crop takes columns 0..159 (both ends included): exactly 160 wide at scale 1.
    const img = image(160, 160, (x) => [x, x, x]);
    const out = new Float32Array(3 * PLANE);
    padInput(img, [0, 0, 159, 159], 1, out);
    // Destination column d samples source column 2d + 0.5: the mean of columns 2d and 2d + 1.
    expect(out[0]).toBeCloseTo(0.5, 5);
    expect(out[10]).toBeCloseTo(20.5, 5);
    expect(out[79]).toBeCloseTo(158.5, 5);
  });

  it('writes each face of a batch at its own offset', () => {
    const img = image(100, 100, (x) => (x < 50 ? [0, 0, 0] : [255, 255, 255]));
    const out = new Float32Array(2 * 3 * PLANE);
    padInput(img, [10, 40, 20, 20], 1, out, 0);
    padInput(img, [70, 40, 20, 20], 1, out, 3 * PLANE);
    expect(out[0]).toBe(0);
    expect(out[3 * PLANE]).toBe(255);
  });
});

describe('scores', () => {
  it('is the softmax probability of class 1 (live)', () => {
    expect(liveProbability([0, 0, 0])).toBeCloseTo(1 / 3, 6);
    expect(liveProbability([0, 10, 0])).toBeGreaterThan(0.99);
    expect(liveProbability([1, 2, 3, 0, 0, 20], 1)).toBeLessThan(1e-6);
  });

  /** A fake network that answers "live" with logit `live` for every face, and records its batches. */
  const fake = (live: number, seen: number[]): PadNet => ({
    infer: async (input, n) => {
      seen.push(n);
      expect(input.length).toBe(n * 3 * PLANE);
      return new Float32Array(Array.from({ length: n }, () => [0, live, 0]).flat());
    },
  });

  it('averages the two networks, one batch each for all faces, NaN for a face too small to crop', async () => {
    const seen: number[] = [];
    const models: PadModels = {
      nets: [
        { net: fake(10, seen), scale: 2.7 },
        { net: fake(-10, seen), scale: 4.0 },
      ],
    };
    const img = { width: 100, height: 100, data: new Uint8Array(100 * 100 * 3) };
    const s = await padScores(models, img, [
      [10, 10, 30, 30],
      [50, 50, 1, 1],
      [60, 10, 30, 30],
    ]);
    expect(seen).toEqual([2, 2]);
    expect(s[0]).toBeCloseTo(0.5, 3);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeCloseTo(0.5, 3);
  });
});

describe('the converted MiniFASNet on onnxruntime-web', () => {
  const reference = JSON.parse(readFileSync(join(MODELS, 'reference.json'), 'utf8')) as {
    inputs: { name: string; batch: number; sum: number }[];
    models: Record<string, { logits: Record<string, number[][]> }>;
  };
  // reference.json's formulas (computed in float64, stored as float32 as convert.py does).
  const patterns: Record<string, (n: number, c: number, y: number, x: number) => number> = {
    mod: (n, c, y, x) => (n * 7 + c * 31 + y * 80 + x * 13) % 256,
    sin: (n, c, y, x) => 127.5 + 100 * Math.sin(0.1 * x + 0.2 * y + c + 0.5 * n),
    gray: () => 128,
  };
  const input = (name: string, batch: number) => {
    const out = new Float32Array(batch * 3 * PLANE);
    for (let n = 0; n < batch; n++)
      for (let c = 0; c < 3; c++)
        for (let y = 0; y < PAD_SIZE; y++) for (let x = 0; x < PAD_SIZE; x++) out[((n * 3 + c) * PAD_SIZE + y) * PAD_SIZE + x] = patterns[name]!(n, c, y, x);
    return out;
  };
  const ort = async () => {
    const m = (await import('onnxruntime-web')) as unknown as OrtLike & { env: { wasm: { numThreads: number } } };
    m.env.wasm.numThreads = 1;
    return m;
  };

  it("gives PyTorch's logits to 1e-3 through the engine's own loader", async () => {
    const models = await padModelsFromOrt(await ort(), async (f) => new Uint8Array(await readFile(join(MODELS, f))));
    const files = Object.keys(reference.models);
    expect(files).toEqual(['minifasnet-v2-2.7.onnx', 'minifasnet-v1se-4.0.onnx']);
    for (const [k, file] of files.entries()) {
      for (const inp of reference.inputs) {
        const x = input(inp.name, inp.batch);
        expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(inp.sum, -1);
        const got = await models.nets[k]!.net.infer(x, inp.batch);
        const want = reference.models[file]!.logits[inp.name]!.flat();
        expect(got.length).toBe(want.length);
        for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-3);
      }
    }
  });

  it('refuses a damaged model file with its code and name', async () => {
    const bytes = new Uint8Array(await readFile(join(MODELS, 'minifasnet-v2-2.7.onnx'))).slice(0, 5000);
    const err = await padModelsFromOrt(await ort(), async () => bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaceError);
    expect(err).toMatchObject({ code: 'model-corrupt', file: 'minifasnet-v2-2.7.onnx' });
  });
});
