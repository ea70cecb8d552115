// Measured tracks on disk (`rollcall liveness --save FILE`, `--load FILE`): the engine's output per
// frame (box, mesh, the face's pixels, antispoof), so a change to the liveness rule can be judged
// on the very same clips in seconds instead of re-running the engine for minutes.
import { readFileSync, writeFileSync } from 'node:fs';
import type { LivenessSample } from '@rollcall/recognition';
import type { SceneOptions } from '../scenes/tracks.ts';
import { SavedRunError } from '../saved-run.ts';
import type { MeasuredTrack } from './measure.ts';

export { SavedRunError };

export const SAVED_VERSION = 1;

export interface SavedRun {
  version: typeof SAVED_VERSION;
  seed: number;
  scene: SceneOptions;
  tracks: MeasuredTrack[];
}

const round = (x: number, digits: number) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/** JSON has no NaN or typed arrays: NaN becomes null, a patch's cells a plain array (0.1 grey level is far below sensor noise). */
function sampleToJson(s: LivenessSample): unknown {
  return {
    at: s.at,
    box: s.box.map((v) => round(v, 2)),
    mesh: s.mesh ? s.mesh.map(([x, y]) => [round(x, 2), round(y, 2)]) : null,
    patch: s.patch ? { ...s.patch, gray: Array.from(s.patch.gray, (v) => round(v, 1)) } : null,
    antispoof: round(s.antispoof, 4),
    pad: round(s.pad ?? Number.NaN, 4),
  };
}

const num = (v: unknown): number => (v === null ? Number.NaN : typeof v === 'number' ? v : Number.NaN);

function sampleFromJson(raw: unknown, where: string): LivenessSample {
  const s = raw as { at?: unknown; box?: unknown; mesh?: unknown; patch?: unknown; antispoof?: unknown; pad?: unknown };
  if (typeof s?.at !== 'number' || !Array.isArray(s.box) || s.box.length !== 4) throw new SavedRunError(`${where}: a sample needs "at" and a 4-number "box"`);
  const patch = s.patch as { x: number; y: number; step: number; size: number; gray: unknown } | null;
  if (patch && (!Array.isArray(patch.gray) || patch.gray.length !== patch.size * patch.size))
    throw new SavedRunError(`${where}: a patch needs size x size grey cells`);
  return {
    at: s.at,
    box: s.box.map(num) as LivenessSample['box'],
    mesh: Array.isArray(s.mesh) ? (s.mesh as unknown[][]).map((p) => [num(p[0]), num(p[1])] as [number, number]) : null,
    patch: patch ? { x: patch.x, y: patch.y, step: patch.step, size: patch.size, gray: Float32Array.from(patch.gray as unknown[], num) } : null,
    antispoof: num(s.antispoof),
    // Runs saved before the texture model have none: NaN, the motion rules alone.
    pad: num(s.pad ?? null),
  };
}

export function saveRun(file: string, run: Omit<SavedRun, 'version'>): void {
  const tracks = run.tracks.map((t) => ({ ...t, msPerFrame: round(t.msPerFrame, 1), samples: t.samples.map(sampleToJson) }));
  writeFileSync(file, JSON.stringify({ version: SAVED_VERSION, seed: run.seed, scene: run.scene, tracks }));
}

export function loadRun(file: string): SavedRun {
  let raw: { version?: unknown; seed?: unknown; scene?: unknown; tracks?: unknown };
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SavedRunError(`${file}: not a saved liveness run (${(e as Error).message})`);
  }
  if (raw?.version !== SAVED_VERSION)
    throw new SavedRunError(`${file}: saved by another version (${String(raw?.version)}, this one reads ${SAVED_VERSION}); measure again`);
  if (typeof raw.seed !== 'number' || typeof raw.scene !== 'object' || !Array.isArray(raw.tracks))
    throw new SavedRunError(`${file}: needs seed, scene and tracks`);
  const tracks = (raw.tracks as { spec: MeasuredTrack['spec']; frames: number; msPerFrame: unknown; samples: unknown }[]).map((t, i) => {
    if (!Array.isArray(t.samples) || typeof t.frames !== 'number' || typeof t.spec !== 'object')
      throw new SavedRunError(`${file}: track ${i} needs spec, frames and samples`);
    return {
      spec: t.spec,
      frames: t.frames,
      msPerFrame: num(t.msPerFrame),
      samples: t.samples.map((s, j) => sampleFromJson(s, `${file}: track ${i}, sample ${j}`)),
    };
  });
  return { version: SAVED_VERSION, seed: raw.seed, scene: raw.scene as SceneOptions, tracks };
}
