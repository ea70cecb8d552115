// The engine's notes on how it runs (which backend and why, a fallback, the start-up race, wasm
// threads), as a code from a closed set with its values: this package says what happened, and
// whoever shows it words it in the reader's language (the web app, through its catalogue).
import type { FaceErrorCode } from './errors.ts';

type Backend = 'webgpu' | 'webgl' | 'wasm';

/** Each note's values: technical names (backends, GPU adapters, renderers) stay as the browser gives them. */
export interface EngineNoteValues {
  /** A software WebGPU adapter let into the start-up race (tests only); `adapter` may be empty. */
  'webgpu-software-allowed': { adapter: string };
  'webgl-software-allowed': { renderer: string };
  'wasm-requested': Record<string, never>;
  'webgpu-requested': Record<string, never>;
  'webgpu-unavailable': Record<string, never>;
  /** `adapter` may be empty: the browser named none. */
  'webgpu-hardware': { adapter: string };
  'webgl-unavailable': Record<string, never>;
  'webgl-requested': Record<string, never>;
  'webgl-software': { renderer: string };
  'webgl-hardware': { renderer: string };
  /** The start-up race kept the GPU: median milliseconds of a warm pass on each. */
  'race-gpu-faster': { backend: Backend; gpuMs: number; wasmMs: number };
  'race-wasm': { backend: Backend; gpuMs: number; wasmMs: number };
  /** tfjs silently started its cpu backend instead of `wanted`. */
  'cpu-fallback': { wanted: string; fix: Backend };
  'backend-failed': { wanted: string; active: string };
  'threads-not-isolated': Record<string, never>;
  'threads-isolated': { threads: number; cores: number };
  /** The threaded wasm could not be set up (the engine's error, its code where it has one). */
  'threads-unavailable': { error: string; errorCode: FaceErrorCode | null };
}

export type EngineNoteCode = keyof EngineNoteValues;

/** A note: `{ code: 'webgl-hardware', values: { renderer: 'ANGLE (NVIDIA …)' } }`. */
export type EngineNote = { [C in EngineNoteCode]: { code: C; values: EngineNoteValues[C] } }[EngineNoteCode];

/** Builds a note with its values checked against its code. */
export const note = <C extends EngineNoteCode>(
  code: C,
  ...values: EngineNoteValues[C] extends Record<string, never> ? [] : [EngineNoteValues[C]]
): EngineNote => ({ code, values: values[0] ?? {} }) as EngineNote;
