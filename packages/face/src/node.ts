// Node entry of @rollcall/face: the engine on tfjs wasm, and image decoding from bytes or files.
import { readFile } from 'node:fs/promises';
import { FaceError } from './errors.ts';
import { decodeImage } from './node/decode.ts';
import type { RgbImage } from './image.ts';

export { createNodeFaceEngine, DEFAULT_MODEL_DIR, type NodeEngineOptions } from './node/engine.ts';
export { decodeImage } from './node/decode.ts';

export async function decodeImageFile(path: string): Promise<RgbImage> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'read error';
    throw new FaceError('file-unreadable', `cannot read ${path} (${why})`, path);
  }
  return decodeImage(bytes, path);
}
