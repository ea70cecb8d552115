// A run over the real-footage set on disk (`rollcall realvid --save FILE`, `--load FILE`): every
// frame's observation as it was pushed to the session, the gallery and the enrolment report, so
// the sessions can be judged again at other settings in seconds, without the engine. Gzipped
// JSON; faces are kept whole (whatever fields the engine gives them), typed arrays and non-finite
// numbers are written so that they come back exactly.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isModelId, type ModelId } from '@rollcall/contracts';
import type { GalleryEntry } from '@rollcall/matcher';
import type { FrameObservation, LivenessParams } from '@rollcall/recognition';
import { SavedRunError } from '../saved-run.ts';
import type { Clip } from './clips.ts';
import type { PersonEnrolment } from './enrol.ts';
import type { SetRates } from './report.ts';

export const REALVID_SAVED_VERSION = 1;

export interface SavedClip {
  clip: Clip;
  /** Distinct frames decoded (a clip shorter than the run is played back and forth over them). */
  decoded: number;
  /** Engine milliseconds over all its frames. */
  engineMs: number;
  frames: FrameObservation[];
}

export interface SavedRealvid {
  version: typeof REALVID_SAVED_VERSION;
  settings: { dir: string; fps: number; seconds: number };
  modelId: ModelId;
  /** The liveness limits the sessions ran at when it was measured. */
  liveness: LivenessParams;
  entries: GalleryEntry[];
  people: PersonEnrolment[];
  clips: SavedClip[];
  /** The rates the run gave when it was measured. */
  rates: SetRates;
}

const TYPED = { Float32Array, Float64Array, Uint8Array, Int32Array } as const;
type TypedName = keyof typeof TYPED;

/** JSON has neither typed arrays nor NaN: both become tagged objects. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (!(name in TYPED)) throw new TypeError(`cannot save a ${name}`);
    return { $typed: name, b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const v = value as { $num?: unknown; $typed?: unknown; b64?: unknown };
  if (typeof v.$num === 'string') return Number(v.$num);
  if (typeof v.$typed === 'string' && typeof v.b64 === 'string' && v.$typed in TYPED) {
    const bytes = Buffer.from(v.b64, 'base64');
    const Ctor = TYPED[v.$typed as TypedName];
    // A copy: the decoded bytes may not sit on the element size's alignment.
    return new Ctor(new Uint8Array(bytes).buffer);
  }
  return value;
}

export function saveRealvid(file: string, run: Omit<SavedRealvid, 'version'>): void {
  writeFileSync(file, gzipSync(Buffer.from(JSON.stringify({ version: REALVID_SAVED_VERSION, ...run }, replacer))));
}

const isNum = (v: unknown) => typeof v === 'number';

function checkFrame(f: unknown, where: string): void {
  const frame = f as Partial<FrameObservation> | null;
  if (!frame || !isNum(frame.at) || !isNum(frame.width) || !isNum(frame.height) || !Array.isArray(frame.faces))
    throw new SavedRunError(`${where}: a frame needs at, width, height and faces`);
  frame.faces.forEach((face, k) => {
    if (!Array.isArray(face?.box) || face.box.length !== 4 || !face.box.every(isNum)) throw new SavedRunError(`${where}, face ${k}: needs a 4-number box`);
    if (face.embedding !== null && !(face.embedding instanceof Float32Array))
      throw new SavedRunError(`${where}, face ${k}: the embedding is neither null nor a Float32Array`);
    if (face.mesh !== null && !Array.isArray(face.mesh)) throw new SavedRunError(`${where}, face ${k}: the mesh is neither null nor a list of points`);
  });
}

export function loadRealvid(file: string): SavedRealvid {
  let raw: Partial<SavedRealvid> & { version?: unknown };
  try {
    const bytes = readFileSync(file);
    // Gzip's magic bytes; a plain JSON file is read as it is.
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    raw = JSON.parse(text, reviver);
  } catch (e) {
    throw new SavedRunError(`${file}: not a saved realvid run (${(e as Error).message})`);
  }
  if (raw?.version !== REALVID_SAVED_VERSION)
    throw new SavedRunError(`${file}: saved by another version (${String(raw?.version)}, this one reads ${REALVID_SAVED_VERSION}); measure again with --save`);
  const s = raw.settings;
  if (!s || !isNum(s.fps) || !isNum(s.seconds) || typeof raw.modelId !== 'string' || !isModelId(raw.modelId) || typeof raw.liveness !== 'object')
    throw new SavedRunError(`${file}: needs settings (fps, seconds), a known modelId and liveness`);
  if (!Array.isArray(raw.entries) || !Array.isArray(raw.people) || !Array.isArray(raw.clips) || typeof raw.rates !== 'object')
    throw new SavedRunError(`${file}: needs entries, people, clips and rates`);
  raw.entries.forEach((e, i) => {
    if (typeof e?.studentId !== 'string' || typeof e.embeddingId !== 'string' || !(e.vector instanceof Float32Array))
      throw new SavedRunError(`${file}: gallery entry ${i} needs studentId, embeddingId and a Float32Array vector`);
  });
  raw.clips.forEach((c, i) => {
    if (typeof c?.clip?.name !== 'string' || typeof c.clip.kind !== 'string' || !Array.isArray(c.frames) || !isNum(c.engineMs))
      throw new SavedRunError(`${file}: clip ${i} needs clip (name, kind), engineMs and frames`);
    c.frames.forEach((f, j) => checkFrame(f, `${file}: clip ${c.clip.name}, frame ${j}`));
  });
  return raw as SavedRealvid;
}
