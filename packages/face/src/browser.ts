// Browser entry of @rollcall/face: Human's and face-api's nobundle builds on one tfjs, WebGL when
// it is fast and wasm otherwise, models fetched from the web app's /models/ (filled by
// models/copy.mjs) and checked against their manifest.
import type { ModelId } from '@rollcall/contracts';
import {
  chooseBackend,
  fallbackFix,
  raceResult,
  wasmMode,
  type BackendChoice,
  type BackendName,
  type BackendRequest,
  type WebglProbe,
  type WebgpuProbe,
} from './backend.ts';
import { DEFAULT_PIPELINE } from './config.ts';
import { assertModelsLoaded, detectBoxes, humanConfig, type HumanLike } from './detector.ts';
import { bindEngine, type FaceEngine } from './engine.ts';
import { FaceError, isFaceError } from './errors.ts';
import { rgbFromRgba, type RgbImage } from './image.ts';
import { modelFiles, parseManifest, verifyModelFiles } from './manifest.ts';
import { note, type EngineNote } from './notes.ts';
import type { PadModels } from './pad.ts';
import { padModelsFromOrt, type OrtLike } from './pad-ort.ts';
import { CHIP_SIZE, describeChips, type FaceApiLike } from './recognizer.ts';
import { shipThreadedFactory, withThreadsForTfjs } from './wasm-threads.ts';

export type { BackendRequest } from './backend.ts';
export type { EngineNote, EngineNoteCode, EngineNoteValues } from './notes.ts';

export interface BrowserEngineOptions {
  model?: ModelId;
  /** URL of the folder holding the model files, the wasm binaries and manifest.json. */
  modelBaseUrl?: string;
  backend?: BackendRequest;
  /** Check each model file's sha256 before loading (one extra read, from the HTTP cache). */
  verify?: boolean;
  /** Told about backend decisions, e.g. a switch away from a silent cpu fallback (a code: the app words it). */
  onNotice?: (note: EngineNote) => void;
  /**
   * Let a software WebGL/WebGPU enter the start-up race instead of ruling it out by name: a test
   * in a GPU-less browser uses it to watch the race measure the GPU backend and pick wasm.
   */
  raceSoftwareGpu?: boolean;
  /** Load the presentation-attack networks (default true): live frames' faces get a texture score. */
  pad?: boolean;
}

/**
 * MiniFASNet on onnxruntime-web's wasm-only build. Its binary is the bundler's asset (the build
 * emits the file the package names beside itself), so the app's offline copy holds it once. One
 * thread: it needs no cross-origin isolation then, and 80x80 inputs gain little from more.
 */
async function loadPad(base: string): Promise<PadModels> {
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.numThreads = 1;
  return padModelsFromOrt(ort as unknown as OrtLike, async (file) => {
    const res = await fetch(base + file);
    if (!res.ok) throw new FaceError('model-missing', `model file ${file} is missing (${res.status})`, file);
    return new Uint8Array(await res.arrayBuffer());
  });
}

/** How the engine ended up running, for the Details section. */
export interface EngineMode {
  backend: string;
  /** Why this backend. */
  note: EngineNote;
  crossOriginIsolated: boolean;
  /** wasm only: threads in use, why that many, and whether SIMD is on; null on GPU backends. */
  threads: number | null;
  threadsNote: EngineNote | null;
  simd: boolean | null;
}

export function probeWebgl(): WebglProbe {
  try {
    // A worker has no document: OffscreenCanvas gives the same context and renderer string there.
    const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return { available: false, renderer: '' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    return { available: true, renderer };
  } catch {
    return { available: false, renderer: '' };
  }
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

export async function probeWebgpu(): Promise<WebgpuProbe> {
  const gpu = (navigator as { gpu?: { requestAdapter(o?: object): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { available: false, fallback: false, adapter: '' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { available: false, fallback: false, adapter: '' };
    const info = adapter.info ?? {};
    return {
      available: true,
      fallback: adapter.isFallbackAdapter === true || info.isFallbackAdapter === true,
      adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(' '),
    };
  } catch {
    return { available: false, fallback: false, adapter: '' };
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function verifyRemote(base: string, model: ModelId, pad: boolean): Promise<void> {
  const res = await fetch(`${base}manifest.json`);
  if (!res.ok) throw new FaceError('model-missing', `model manifest ${base}manifest.json is missing (${res.status})`, 'manifest.json');
  const manifest = parseManifest(await res.json());
  await verifyModelFiles(
    manifest,
    modelFiles(model, { pad }),
    async (f) => {
      const r = await fetch(base + f);
      return r.ok ? new Uint8Array(await r.arrayBuffer()) : null;
    },
    sha256Hex,
  );
}

export async function createBrowserFaceEngine(options: BrowserEngineOptions = {}): Promise<FaceEngine & { mode: EngineMode }> {
  const model = options.model ?? DEFAULT_PIPELINE.model;
  const base = new URL(options.modelBaseUrl ?? '/models/', location.href).href.replace(/\/?$/, '/');
  const notice = options.onNotice ?? ((n: EngineNote) => console.info(`@rollcall/face: ${n.code}`, n.values));
  const t0 = performance.now();
  const withPad = options.pad ?? true;
  if (options.verify !== false) await verifyRemote(base, model, withPad);
  // The packages' "exports" maps hide their nobundle builds; import them by path so that one
  // tfjs (the app's) serves both instead of a bundled copy each.
  const [{ Human }, faceapi, wasm] = await Promise.all([
    import('../node_modules/@vladmandic/human/dist/human.esm-nobundle.js'),
    import('../node_modules/@vladmandic/face-api/dist/face-api.esm-nobundle.js'),
    import('@tensorflow/tfjs-backend-wasm'),
  ]);
  wasm.setWasmPaths(base);
  // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page, and the unbundled factory
  // for the pthreads to start from; without either, wasm runs one thread and the mode says why.
  const isolated = globalThis.crossOriginIsolated === true;
  const threading = await threadsFor(isolated, base);
  wasm.setThreadsCount(threading.threads);
  const requested = options.backend ?? 'auto';
  const choice = chooseBackend(requested, probeWebgl(), requested === 'wasm' ? undefined : await probeWebgpu(), {
    softwareIsCandidate: options.raceSoftwareGpu === true,
  });
  notice(choice.note);
  const config = humanConfig({
    backend: choice.backend,
    modelBasePath: base,
    wasmPath: base,
    faceres: model === 'human-faceres@3.3.6',
    minConfidence: DEFAULT_PIPELINE.minDetectorConfidence,
    maxFaces: DEFAULT_PIPELINE.maxFaces,
  });
  const human = new Human(config as never) as unknown as HumanLike & { init(): Promise<void> };
  if (threading.threads === 1) (human.tf as unknown as { env(): { set(flag: string, v: boolean): void } }).env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  try {
    await withThreadsForTfjs(threading.threads, () => human.load());
    const fix = fallbackFix(human.tf.getBackend());
    if (fix) {
      notice(note('cpu-fallback', { wanted: choice.backend, fix }));
      human.config.backend = fix;
      await withThreadsForTfjs(threading.threads, async () => {
        await human.init();
        await human.load();
      });
    }
    assertModelsLoaded(human, model === 'human-faceres@3.3.6');
    if (typeof document === 'undefined') workerEnvForFaceApi(faceapi);
    if (model === 'faceapi-resnet@1.7.15') await (faceapi as unknown as FaceApiLike).nets.faceRecognitionNet.loadFromUri(base);
    const active = human.tf.getBackend() as BackendName;
    if (requested === 'auto' && (active === 'webgl' || active === 'webgpu')) {
      const race = await raceBackends(human, model === 'faceapi-resnet@1.7.15' ? (faceapi as unknown as FaceApiLike) : null, active, threading.threads);
      Object.assign(choice, race);
      notice(race.note);
    }
  } catch (e) {
    if (e instanceof FaceError) throw e;
    throw new FaceError('model-corrupt', `a model failed to load from ${base}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const backend = human.tf.getBackend();
  if (fallbackFix(backend)) throw new FaceError('backend-unavailable', `no fast tfjs backend could start (active: ${backend})`);
  const onWasm = backend === 'wasm';
  const mode: EngineMode = {
    backend,
    note: backend === choice.backend ? choice.note : note('backend-failed', { wanted: choice.backend, active: backend }),
    crossOriginIsolated: isolated,
    threads: onWasm ? wasm.getThreadsCount() : null,
    threadsNote: onWasm ? threading.note : null,
    simd: onWasm ? await wasmSimd(human) : null,
  };
  if (onWasm) notice(threading.note);
  const pad = withPad ? await loadPad(base) : undefined;
  return {
    ...bindEngine({ human, faceapi: faceapi as unknown as FaceApiLike, ...(pad && { pad }) }, model, backend, performance.now() - t0, async () => {}),
    mode,
  };
}

/** A camera-sized picture with structure (a gradient and noise): the detector runs its full graph on it. */
function probeImage(side: number): RgbImage {
  const data = new Uint8Array(side * side * 3);
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = (((i / 3) % side) + (seed % 32)) & 0xff;
  }
  return { width: side, height: side, data };
}

/** Median milliseconds of warm passes: the detector on a 512 px frame, and the recognition net on one chip. */
async function timePasses(human: HumanLike, faceapi: FaceApiLike | null, passes = 3): Promise<number> {
  const frame = probeImage(512);
  const chip = probeImage(CHIP_SIZE);
  const once = async () => {
    await detectBoxes(human, frame);
    if (faceapi) await describeChips(faceapi, [chip]);
  };
  // The first pass compiles the GPU's shaders (seconds on WebGL): it is start-up, not speed.
  await once();
  const ms: number[] = [];
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    await once();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
}

async function switchBackend(human: HumanLike & { init(): Promise<void> }, to: BackendName, threads: number): Promise<void> {
  human.config.backend = to;
  await withThreadsForTfjs(threads, async () => {
    await human.init();
    await human.load();
  });
}

/**
 * The measured start-up probe: the same warm passes on the GPU backend the adapter rule chose and
 * on wasm, and the faster kept (`raceResult`). It costs a second or two at start-up, once.
 */
async function raceBackends(
  human: HumanLike & { init(): Promise<void> },
  faceapi: FaceApiLike | null,
  gpu: 'webgl' | 'webgpu',
  threads: number,
): Promise<BackendChoice> {
  const gpuMs = await timePasses(human, faceapi);
  await switchBackend(human, 'wasm', threads);
  const wasmMs = await timePasses(human, faceapi);
  const pick = raceResult({ backend: gpu, ms: gpuMs }, { backend: 'wasm', ms: wasmMs });
  if (pick.backend !== 'wasm') await switchBackend(human, pick.backend, threads);
  return pick;
}

async function threadsFor(isolated: boolean, base: string): Promise<{ threads: number; note: EngineNote }> {
  const threading = wasmMode(isolated, navigator.hardwareConcurrency);
  if (threading.threads === 1) return threading;
  try {
    await shipThreadedFactory(base);
    return threading;
  } catch (e) {
    return { threads: 1, note: note('threads-unavailable', { error: e instanceof Error ? e.message : String(e), errorCode: isFaceError(e) ? e.code : null }) };
  }
}

/**
 * face-api finds its environment only on a page with a window and a document; in the face worker
 * it is told what to use. Rollcall hands it tensors only, so no image or video element is needed.
 */
function workerEnvForFaceApi(faceapi: unknown) {
  const none = () => {
    throw new FaceError('backend-unavailable', 'face-api asked for a DOM element inside the face worker');
  };
  (faceapi as { env: { setEnv(env: object): void } }).env.setEnv({
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: class {},
    ImageData,
    Video: class {},
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: none,
    createVideoElement: none,
    fetch: (input: RequestInfo, init?: RequestInit) => fetch(input, init),
    readFile: none,
  });
}

async function wasmSimd(human: HumanLike): Promise<boolean> {
  const env = (human.tf as unknown as { env(): { getAsync(flag: string): Promise<unknown> } }).env();
  return (await env.getAsync('WASM_HAS_SIMD_SUPPORT').catch(() => false)) === true;
}

// One canvas to read pixels with, reused while the size stays the same: the recognition loop reads
// every camera frame, and a new full-size canvas per frame is garbage the browser must collect.
let scratch: OffscreenCanvasRenderingContext2D | null = null;
function scratchContext(w: number, h: number): OffscreenCanvasRenderingContext2D {
  if (scratch?.canvas.width !== w || scratch.canvas.height !== h) {
    scratch = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
    if (!scratch) throw new FaceError('backend-unavailable', 'no 2D canvas to read pixels with');
  }
  return scratch;
}

/** Pixels of anything the browser can draw (image, canvas, video frame, ImageBitmap) or ImageData. */
export function toRgbImage(source: ImageData | CanvasImageSource, width?: number, height?: number): RgbImage {
  if (typeof ImageData !== 'undefined' && source instanceof ImageData) return rgbFromRgba(source.width, source.height, source.data);
  const s = source as { videoWidth?: number; videoHeight?: number; naturalWidth?: number; naturalHeight?: number; width?: number; height?: number };
  const w = width ?? s.videoWidth ?? s.naturalWidth ?? (s.width as number);
  const h = height ?? s.videoHeight ?? s.naturalHeight ?? (s.height as number);
  if (!w || !h) throw new FaceError('empty-input', 'image has no pixels');
  const ctx = scratchContext(w, h);
  ctx.clearRect(0, 0, w, h); // a transparent image must not show the previous one through
  ctx.drawImage(source as CanvasImageSource, 0, 0, w, h);
  return rgbFromRgba(w, h, ctx.getImageData(0, 0, w, h).data);
}

/** Analyses whatever the browser can draw: an <img>, a canvas, a <video> frame, an ImageBitmap or ImageData. */
export function analyzeSource(engine: FaceEngine, source: ImageData | CanvasImageSource): ReturnType<FaceEngine['analyze']> {
  return engine.analyze(toRgbImage(source));
}

/** Decodes a photo file (JPEG, PNG, GIF, WebP) honouring its EXIF orientation. */
export async function decodeImageBlob(blob: Blob, name = 'image'): Promise<RgbImage> {
  if (blob.size === 0) throw new FaceError('empty-input', `${name} is empty`, name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new FaceError('not-an-image', `${name} is not an image the browser can read`, name);
  }
  try {
    return toRgbImage(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
