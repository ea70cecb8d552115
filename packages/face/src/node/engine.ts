// Builds a FaceEngine in Node: Human's node-wasm build and face-api's, sharing one tfjs (both
// register on tfjs-core's global engine), on the wasm backend, models read from local files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModelId } from '@rollcall/contracts';
import { DEFAULT_PIPELINE } from '../config.ts';
import { assertModelsLoaded, humanConfig, type HumanLike } from '../detector.ts';
import { bindEngine, type FaceEngine } from '../engine.ts';
import { FaceError } from '../errors.ts';
import { modelFiles, parseManifest, verifyModelFiles } from '../manifest.ts';
import type { PadModels } from '../pad.ts';
import { padModelsFromOrt, type OrtLike } from '../pad-ort.ts';
import type { FaceApiLike } from '../recognizer.ts';
import { installFileFetch } from './file-fetch.ts';

const require = createRequire(import.meta.url);

/** Where `node models/copy.mjs` (run on install) puts the model files. */
export const DEFAULT_MODEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../models/dist');

export interface NodeEngineOptions {
  model?: ModelId;
  modelDir?: string;
  /** Load the presentation-attack networks (default true): live frames' faces get a texture score. */
  pad?: boolean;
}

/**
 * MiniFASNet on onnxruntime-web's Node build (its wasm; onnxruntime-node cannot install here).
 * One thread: the face models already take the other core.
 */
async function loadPad(modelDir: string): Promise<PadModels> {
  const ort = (await import('onnxruntime-web')) as unknown as OrtLike & { env: { wasm: { numThreads: number } } };
  ort.env.wasm.numThreads = 1;
  return padModelsFromOrt(ort, async (f) => new Uint8Array(await readFile(join(modelDir, f))));
}

function distFile(pkg: string, file: string): string {
  // The packages' "exports" hide their Node wasm builds, so load them by file path next to main.
  return join(dirname(require.resolve(pkg)), file);
}

async function verify(modelDir: string, model: ModelId, pad: boolean): Promise<void> {
  const manifestFile = join(modelDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new FaceError('model-missing', `model manifest ${manifestFile} is missing (run \`node models/copy.mjs\`)`, 'manifest.json');
  }
  const manifest = parseManifest(JSON.parse(readFileSync(manifestFile, 'utf8')));
  await verifyModelFiles(
    manifest,
    modelFiles(model, { pad }),
    async (f) => (existsSync(join(modelDir, f)) ? new Uint8Array(await readFile(join(modelDir, f))) : null),
    async (b) => createHash('sha256').update(b).digest('hex'),
  );
}

export async function createNodeFaceEngine(options: NodeEngineOptions = {}): Promise<FaceEngine> {
  const model = options.model ?? DEFAULT_PIPELINE.model;
  const modelDir = resolve(options.modelDir ?? DEFAULT_MODEL_DIR);
  const t0 = performance.now();
  const withPad = options.pad ?? true;
  await verify(modelDir, model, withPad);
  installFileFetch();
  const { Human } = require(distFile('@vladmandic/human', 'human.node-wasm.js')) as { Human: new (config: unknown) => HumanLike };
  const faceapi = require(distFile('@vladmandic/face-api', 'face-api.node-wasm.js')) as FaceApiLike;
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  const human = new Human(
    humanConfig({
      backend: 'wasm',
      modelBasePath: pathToFileURL(modelDir).href + '/',
      wasmPath: pathToFileURL(wasmDir).href + '/',
      faceres: model === 'human-faceres@3.3.6',
      minConfidence: DEFAULT_PIPELINE.minDetectorConfidence,
      maxFaces: DEFAULT_PIPELINE.maxFaces,
    }),
  );
  try {
    await human.load();
    assertModelsLoaded(human, model === 'human-faceres@3.3.6');
    if (model === 'faceapi-resnet@1.7.15' && !faceapi.nets.faceRecognitionNet.isLoaded) {
      await faceapi.nets.faceRecognitionNet.loadFromUri(pathToFileURL(modelDir).href);
    }
  } catch (e) {
    if (e instanceof FaceError) throw e;
    throw new FaceError('model-corrupt', `a model failed to load from ${modelDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const backend = human.tf.getBackend();
  if (backend !== 'wasm') throw new FaceError('backend-unavailable', `tfjs wasm backend did not start (got ${backend})`);
  const pad = withPad ? await loadPad(modelDir) : undefined;
  return bindEngine({ human, faceapi, ...(pad && { pad }) }, model, backend, performance.now() - t0, async () => {});
}
