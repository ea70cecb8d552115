// The real pipeline (Human + face-api on tfjs wasm) on real photos and on degraded variants of
// them, each expected to trip its own quality gate. Models load once for the whole file.
import { dot } from '@rollcall/contracts';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GATES, photoReasons, type AnalyzeResult, type FaceEngine } from '../src/index.ts';
import { createNodeFaceEngine, decodeImage } from '../src/node.ts';
import { HAVE_FACES, readPhoto, setPhotos } from './photos.ts';

let engine: FaceEngine;
/** An ordinary photo with one face that passes every gate, and a second person's photo. */
let base: { bytes: Uint8Array; result: AnalyzeResult };
let other: Uint8Array;

async function analyzeBytes(bytes: Uint8Array | Buffer): Promise<AnalyzeResult> {
  return engine.analyze(await decodeImage(new Uint8Array(bytes)));
}

async function reasons(bytes: Uint8Array | Buffer) {
  return photoReasons((await analyzeBytes(bytes)).faces, DEFAULT_GATES);
}

describe.skipIf(!HAVE_FACES)('face pipeline on real photos', () => {
  beforeAll(async () => {
    engine = await createNodeFaceEngine();
    // twd is the set of ordinary, uncropped photos; take the first that passes every gate, and
    // the first of another person that does too.
    let baseDir = '';
    for (const path of setPhotos('twd')) {
      const dir = dirname(path);
      if (base && dir === baseDir) continue;
      const bytes = readPhoto(path);
      const result = await analyzeBytes(bytes);
      if (photoReasons(result.faces, DEFAULT_GATES).length > 0) continue;
      if (!base) {
        base = { bytes, result };
        baseDir = dir;
      } else {
        other = bytes;
        break;
      }
    }
    if (!base || !other) throw new Error('no two twd photos pass the quality gates');
  });

  it('returns every measure and a unit-length, model-tagged embedding', () => {
    const [face] = base.result.faces;
    expect(engine.backend).toBe('wasm');
    expect(face!.embedding.modelId).toBe('faceapi-resnet@1.7.15');
    expect(face!.embedding.vector).toHaveLength(128);
    expect(dot(face!.embedding.vector, face!.embedding.vector)).toBeCloseTo(1, 5);
    expect(face!.box[2]).toBeGreaterThan(0);
    expect(face!.detectionScore).toBeGreaterThan(0);
    expect(face!.sharpness).toBeGreaterThan(0);
    expect(face!.brightness).toBeGreaterThan(0);
    for (const v of [face!.antispoof, face!.liveness]) expect(v).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(face!.pose.yaw + face!.pose.pitch + face!.pose.roll)).toBe(true);
  });

  it('gives the same embedding for the same face whatever the file format', async () => {
    const ref = base.result.faces[0]!.embedding.vector;
    for (const format of ['png', 'webp', 'gif'] as const) {
      const converted = await sharp(base.bytes)
        .toFormat(format, format === 'webp' ? { lossless: true } : {})
        .toBuffer();
      const [face] = (await analyzeBytes(converted)).faces;
      // GIF quantises to 256 colours, so allow it a little more drift.
      expect(dot(face!.embedding.vector, ref), format).toBeGreaterThan(format === 'gif' ? 0.97 : 0.99);
    }
  });

  it('honours EXIF orientation', async () => {
    // Pixels stored rotated, with a tag saying how to turn them back: decoding must undo it.
    const stored = await sharp(base.bytes).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const decoded = await decodeImage(new Uint8Array(stored));
    const meta = await sharp(base.bytes).metadata();
    expect([decoded.width, decoded.height]).toEqual([meta.width, meta.height]);
    const [face] = (await engine.analyze(decoded)).faces;
    expect(dot(face!.embedding.vector, base.result.faces[0]!.embedding.vector)).toBeGreaterThan(0.98);
  });

  it('tells two people apart and recognises a re-encoded photo', async () => {
    const again = (await analyzeBytes(await sharp(base.bytes).jpeg({ quality: 70 }).toBuffer())).faces[0]!;
    const stranger = (await analyzeBytes(other)).faces[0]!;
    const ref = base.result.faces[0]!.embedding.vector;
    expect(dot(again.embedding.vector, ref)).toBeGreaterThan(dot(stranger.embedding.vector, ref));
  });

  it('too-blurry: a blurred photo', async () => {
    expect(await reasons(await sharp(base.bytes).blur(3).toBuffer())).toContain('too-blurry');
  });

  it('too-dark: a darkened photo', async () => {
    expect(await reasons(await sharp(base.bytes).linear(0.25, 0).toBuffer())).toContain('too-dark');
  });

  it('too-bright: an overexposed photo', async () => {
    expect(await reasons(await sharp(base.bytes).linear(0.25, 200).toBuffer())).toContain('too-bright');
  });

  it('face-too-small: a shrunk photo', async () => {
    const meta = await sharp(base.bytes).metadata();
    const scale = (DEFAULT_GATES.minFaceSize * 0.75) / base.result.faces[0]!.size;
    const small = await sharp(base.bytes)
      .resize(Math.round(meta.width! * scale))
      .toBuffer();
    expect(await reasons(small)).toContain('face-too-small');
  });

  it('multiple-faces: two photos side by side', async () => {
    const a = await sharp(base.bytes).resize({ height: 300 }).toBuffer({ resolveWithObject: true });
    const b = await sharp(other).resize({ height: 300 }).toBuffer({ resolveWithObject: true });
    const joined = await sharp({ create: { width: a.info.width + b.info.width, height: 300, channels: 3, background: '#808080' } })
      .composite([
        { input: a.data, left: 0, top: 0 },
        { input: b.data, left: a.info.width, top: 0 },
      ])
      .jpeg()
      .toBuffer();
    const result = await analyzeBytes(joined);
    expect(result.faces.length).toBe(2);
    expect(photoReasons(result.faces, DEFAULT_GATES)).toEqual(['multiple-faces']);
  });

  // Neither a turned head nor a weak detection can be made by editing a frontal photo (a photo
  // turned in 3D keeps its frontal mesh), so these two use real cases among the labelled crops.
  async function firstWith(reason: string, sets: string[]): Promise<string | undefined> {
    for (const set of sets) {
      for (const path of setPhotos(set)) {
        if ((await reasons(readPhoto(path))).includes(reason as never)) return path;
      }
    }
    return undefined;
  }

  it('turned-too-far: a real head turned away (bbt crops)', async () => {
    expect(await firstWith('turned-too-far', ['bbt'])).toBeDefined();
  });

  // Since faces are analysed with context (tight crops padded), no bbt or orl crop detects weakly
  // any more (all 496 scanned), so a weak detection is made: the lower half of the face hidden.
  it('low-detection-score or no-face: a half-hidden face is never enrolled', async () => {
    const [x, y, w, h] = base.result.faces[0]!.box;
    const cover = await sharp({ create: { width: Math.round(w * 1.2), height: Math.round(h * 0.6), channels: 3, background: '#7a7a7a' } })
      .png()
      .toBuffer();
    const hidden = await sharp(base.bytes)
      .composite([{ input: cover, left: Math.max(0, Math.round(x - 0.1 * w)), top: Math.round(y + 0.45 * h) }])
      .jpeg()
      .toBuffer();
    const found = await reasons(hidden);
    expect(found.some((r) => r === 'low-detection-score' || r === 'no-face')).toBe(true);
  });

  it('no-face: an image with no face in it', async () => {
    // A smooth landscape-like gradient with texture: edges and colour, but nothing face-like.
    const w = 640,
      h = 480;
    const px = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        px[i] = (x * 255) / w;
        px[i + 1] = y < h / 2 ? 180 : 90 + ((x * 7 + y * 13) % 40);
        px[i + 2] = 255 - (y * 255) / h;
      }
    const img = await sharp(px, { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toBuffer();
    expect(await reasons(img)).toEqual(['no-face']);
  });
});
