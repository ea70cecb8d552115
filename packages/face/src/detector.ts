// Glue between an RgbImage and Human: builds its config, runs it and checks what comes back,
// so nothing downstream uses model output unchecked. Works with any Human build (Node or browser).
import type { RgbImage } from './image.ts';
import { FaceError } from './errors.ts';

/** One candidate face as the detector reports it, coordinates in the analysed image's pixels. */
export interface DetectedFace {
  box: [x: number, y: number, w: number, h: number];
  detectionScore: number;
  mesh: [number, number][];
  /** Radians, from Human's mesh. */
  yaw: number;
  pitch: number;
  roll: number;
  antispoof: number;
  liveness: number;
  /** Human's own faceres descriptor when it was asked for (1024-d, unnormalised). */
  faceres?: number[];
}

/** The part of Human's API Rollcall uses; structural so both builds' types fit. */
export interface HumanLike {
  config: { backend: string };
  models: { loaded(): string[] };
  tf: {
    getBackend(): string;
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): unknown;
    dispose(t: unknown): void;
  };
  load(): Promise<void>;
  /** `config` is merged into Human's own and stays there (see passConfig). */
  detect(input: never, config?: object): Promise<{ face: readonly unknown[]; error?: string | null }>;
}

export function humanConfig(opts: { modelBasePath: string; wasmPath: string; backend: string; faceres: boolean; minConfidence: number; maxFaces: number }) {
  return {
    debug: false,
    backend: opts.backend,
    // No second copy in IndexedDB: the web app's service worker already keeps the files, and a
    // page closed while Human was saving that copy left it half-written; Human then loaded the
    // model from it, failed, logged it and carried on without antispoof and liveness.
    cacheModels: false,
    modelBasePath: opts.modelBasePath,
    wasmPath: opts.wasmPath,
    // Stills must be analysed independently: no frame cache, no skipped frames, no smoothing.
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: {
        modelPath: 'blazeface.json',
        rotation: true,
        maxDetected: opts.maxFaces,
        minConfidence: opts.minConfidence,
        skipFrames: 0,
        skipTime: 0,
        return: false,
      },
      mesh: { enabled: true, modelPath: 'facemesh.json' },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: opts.faceres, modelPath: 'faceres.json', skipFrames: 0, skipTime: 0 },
      antispoof: { enabled: true, modelPath: 'antispoof.json', skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, modelPath: 'liveness.json', skipFrames: 0, skipTime: 0 },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  };
}

/** Human's names for the models `humanConfig` enables. */
export function requiredModels(faceres: boolean): string[] {
  return ['blazeface', 'facemesh', 'antispoof', 'liveness', ...(faceres ? ['faceres'] : [])];
}

/**
 * Human reports a model that failed to load only on the console and runs without it (a missing
 * antispoof reads 0 for every face, so every student would go to review): refuse to start instead.
 */
export function assertModelsLoaded(human: HumanLike, faceres: boolean): void {
  const loaded = human.models.loaded();
  const missing = requiredModels(faceres).filter((m) => !loaded.includes(m));
  if (missing.length) throw new FaceError('model-corrupt', `Human could not load ${missing.join(', ')} (loaded: ${loaded.join(', ') || 'none'})`);
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Validates one of Human's face results; null when it lacks what alignment needs. */
export function toDetectedFace(raw: unknown): DetectedFace | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const f = raw as Record<string, unknown>;
  const box = f.box;
  const mesh = f.mesh;
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  if (!Array.isArray(mesh) || mesh.length < 468) return null;
  const points: [number, number][] = [];
  for (const p of mesh as unknown[]) {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
    points.push([p[0] as number, p[1] as number]);
  }
  const angle = (f.rotation as { angle?: Record<string, unknown> } | null | undefined)?.angle ?? {};
  const face: DetectedFace = {
    box: box as [number, number, number, number],
    detectionScore: num(f.boxScore, num(f.score, 0)),
    mesh: points,
    yaw: num(angle.yaw, 0),
    pitch: num(angle.pitch, 0),
    roll: num(angle.roll, 0),
    antispoof: num(f.real, 0),
    liveness: num(f.live, 0),
  };
  if (Array.isArray(f.embedding) && f.embedding.length > 0) face.faceres = f.embedding as number[];
  return face;
}

/** A face box from the detector alone (no mesh, no per-face models). */
export interface DetectedBox {
  box: [x: number, y: number, w: number, h: number];
  detectionScore: number;
}

/** Validates a face result of a detector-only pass. */
export function toDetectedBox(raw: unknown): DetectedBox | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const f = raw as Record<string, unknown>;
  const box = f.box;
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  if (box[2] <= 0 || box[3] <= 0) return null;
  return { box: box as [number, number, number, number], detectionScore: num(f.boxScore, num(f.score, 0)) };
}

// Human merges a per-call config into its own and keeps it, so every call states every switch:
// a detector-only pass must not leave the next full pass without its mesh. Whether faceres runs
// in a full pass is the engine's choice at load, remembered here before the first pass changes it.
const faceresAtLoad = new WeakMap<HumanLike, boolean>();

function passConfig(human: HumanLike, full: boolean) {
  if (!faceresAtLoad.has(human)) {
    const face = (human.config as { face?: { description?: { enabled?: boolean } } }).face;
    faceresAtLoad.set(human, face?.description?.enabled === true);
  }
  const on = { enabled: full };
  return { face: { mesh: on, antispoof: on, liveness: on, description: { enabled: full && faceresAtLoad.get(human) === true } } };
}

async function runHuman(human: HumanLike, img: RgbImage, full: boolean): Promise<readonly unknown[]> {
  const config = passConfig(human, full);
  const tensor = human.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
  try {
    const result = await human.detect(tensor as never, config);
    if (result.error) throw new Error(`Human: ${result.error}`);
    return result.face;
  } finally {
    human.tf.dispose(tensor);
  }
}

/** Runs Human on one image: detector, mesh, antispoof and liveness for every face. */
export async function detectFaces(human: HumanLike, img: RgbImage): Promise<DetectedFace[]> {
  return (await runHuman(human, img, true)).map(toDetectedFace).filter((f): f is DetectedFace => f !== null);
}

/** Runs only Human's detector: where each face is, at a fraction of the full pass's cost. */
export async function detectBoxes(human: HumanLike, img: RgbImage): Promise<DetectedBox[]> {
  return (await runHuman(human, img, false)).map(toDetectedBox).filter((f): f is DetectedBox => f !== null);
}
