// The presentation-attack networks on onnxruntime-web: the Node and browser entries hand in their
// own `ort` (its Node build, or the wasm-only browser build) and a way to read the model files.
import { FaceError } from './errors.ts';
import { PAD_FILES, PAD_SIZE, type PadModels, type PadNet } from './pad.ts';

/** The part of onnxruntime-web's API used here, so this file needs no particular build of it. */
export interface OrtLike {
  InferenceSession: { create(model: Uint8Array): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
}

interface OrtSession {
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
}

function padNet(ort: OrtLike, session: OrtSession, file: string): PadNet {
  return {
    async infer(input, n) {
      const out = await session.run({ input: new ort.Tensor('float32', input, [n, 3, PAD_SIZE, PAD_SIZE]) });
      const logits = out['logits'];
      if (!logits || !(logits.data instanceof Float32Array) || logits.data.length !== n * 3) {
        throw new FaceError('model-corrupt', `${file} returned no ${n}x3 logits`, file);
      }
      return logits.data;
    },
  };
}

/** Both networks, each checked by a first run on a grey input: a file that loads but cannot run fails here, not mid-lesson. */
export async function padModelsFromOrt(ort: OrtLike, read: (file: string) => Promise<Uint8Array>): Promise<PadModels> {
  const nets: PadModels['nets'] = [];
  for (const { file, scale } of PAD_FILES) {
    let net: PadNet;
    try {
      net = padNet(ort, await ort.InferenceSession.create(await read(file)), file);
      await net.infer(new Float32Array(3 * PAD_SIZE * PAD_SIZE).fill(128), 1);
    } catch (e) {
      if (e instanceof FaceError) throw e;
      throw new FaceError('model-corrupt', `${file} failed to load: ${e instanceof Error ? e.message : String(e)}`, file);
    }
    nets.push({ net, scale });
  }
  return { nets };
}
