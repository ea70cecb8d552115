// Bad input gives a FaceError with a code, never a crash: empty, corrupt, huge and non-image
// files, and missing or altered model files (checked before any model is built).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { FaceError } from '../src/errors.ts';
import { createNodeFaceEngine, decodeImage, decodeImageFile, DEFAULT_MODEL_DIR } from '../src/node.ts';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    if (!(e instanceof FaceError)) throw e;
    return e.code;
  }
}

describe('image decoding errors', () => {
  it('empty input', async () => {
    expect(await codeOf(decodeImage(new Uint8Array(0), 'empty.jpg'))).toBe('empty-input');
  });

  it('not an image', async () => {
    expect(await codeOf(decodeImage(new TextEncoder().encode('name,email\nAda,ada@example.org\n'), 'list.csv'))).toBe('not-an-image');
  });

  it('a truncated JPEG', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    const withNoise = await sharp(
      new Uint8Array(300 * 200 * 3).map((_, i) => (i * 31) % 256),
      { raw: { width: 300, height: 200, channels: 3 } },
    )
      .jpeg()
      .toBuffer();
    for (const whole of [jpeg, withNoise]) {
      expect(await codeOf(decodeImage(new Uint8Array(whole.subarray(0, Math.floor(whole.length / 2))), 'half.jpg'))).toBe('corrupt-image');
    }
  });

  it('an 8000x8000 image is refused before it is decoded', async () => {
    const huge = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const err = await decodeImage(new Uint8Array(huge), 'huge.png').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaceError);
    expect((err as FaceError).code).toBe('image-too-large');
    expect((err as FaceError).message).toContain('8000x8000');
  });

  it('a file that does not exist', async () => {
    expect(await codeOf(decodeImageFile('/nonexistent/photo.jpg'))).toBe('file-unreadable');
  });
});

describe('model file errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-models-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing model file', async () => {
    const models = join(dir, 'missing');
    cpSync(DEFAULT_MODEL_DIR, models, { recursive: true });
    rmSync(join(models, 'facemesh.bin'));
    const err = await createNodeFaceEngine({ modelDir: models }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'model-missing', file: 'facemesh.bin' });
    expect(String((err as Error).message)).toContain('facemesh.bin');
  });

  it('names a corrupt model file', async () => {
    const models = join(dir, 'corrupt');
    cpSync(DEFAULT_MODEL_DIR, models, { recursive: true });
    writeFileSync(join(models, 'face_recognition_model.bin'), new Uint8Array(1024));
    const err = await createNodeFaceEngine({ modelDir: models }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'model-corrupt', file: 'face_recognition_model.bin' });
  });
});
