// Glue to face-api's recognition network (128-d dlib ResNet port): embeds 150 px aligned chips.
import type { RgbImage } from './image.ts';

/** The part of face-api's API Rollcall uses; structural so its Node and browser builds fit. */
export interface FaceApiLike {
  tf: { tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): unknown; dispose(t: unknown): void };
  nets: {
    faceRecognitionNet: {
      isLoaded: boolean;
      loadFromUri(uri: string): Promise<void>;
      computeFaceDescriptor(input: never): Promise<Float32Array | Float32Array[]>;
    };
  };
}

/** The recognition net's input size. */
export const CHIP_SIZE = 150;

/** One raw 128-d descriptor per chip, in order. */
export async function describeChips(faceapi: FaceApiLike, chips: readonly RgbImage[]): Promise<Float32Array[]> {
  if (chips.length === 0) return [];
  const tensors = chips.map((c) => faceapi.tf.tensor3d(c.data, [c.height, c.width, 3], 'int32'));
  try {
    const out = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(tensors as never);
    const list = Array.isArray(out) ? out : [out];
    if (list.length !== chips.length) throw new Error(`face-api returned ${list.length} descriptors for ${chips.length} chips`);
    return list;
  } finally {
    for (const t of tensors) faceapi.tf.dispose(t);
  }
}
