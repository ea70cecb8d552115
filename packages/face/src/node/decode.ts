// Node image decoding with sharp: JPEG, PNG, GIF (first frame), WebP and more, EXIF orientation
// applied, to the pipeline's RgbImage. Every failure becomes a FaceError with a code.
import sharp, { type Metadata } from 'sharp';
import { FaceError } from '../errors.ts';
import { MAX_PIXELS, type RgbImage } from '../image.ts';

const FORMATS = new Set(['jpeg', 'png', 'gif', 'webp']);

export async function decodeImage(bytes: Uint8Array, name = 'image'): Promise<RgbImage> {
  if (bytes.length === 0) throw new FaceError('empty-input', `${name} is empty`, name);
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new FaceError('not-an-image', `${name} is not an image Rollcall can read (JPEG, PNG, GIF or WebP)`, name);
  }
  if (!meta.format || !FORMATS.has(meta.format)) {
    throw new FaceError('not-an-image', `${name} is ${meta.format ?? 'an unknown format'}; use JPEG, PNG, GIF or WebP`, name);
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w === 0 || h === 0) throw new FaceError('empty-input', `${name} has no pixels`, name);
  if (w * h > MAX_PIXELS) {
    throw new FaceError('image-too-large', `${name} is ${w}x${h}; at most ${MAX_PIXELS / 1e6} megapixels are accepted`, name);
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate() // honours EXIF orientation
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (e) {
    throw new FaceError('corrupt-image', `${name} could not be decoded: ${e instanceof Error ? e.message : String(e)}`, name);
  }
}
