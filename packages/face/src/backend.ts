// Which tfjs backend to run on: the adapter rule (what the browser reports: a GPU only when it is
// hardware) and the start-up race (what was measured: the GPU only when faster than wasm). Pure,
// so both rules are tested without a browser.
import { note, type EngineNote } from './notes.ts';

export type BackendName = 'webgpu' | 'webgl' | 'wasm';
export type BackendRequest = BackendName | 'auto';

export interface WebglProbe {
  /** A WebGL context could be created at all. */
  available: boolean;
  /** UNMASKED_RENDERER_WEBGL, or the plain RENDERER when the debug extension is missing. */
  renderer: string;
}

/** Software rasterisers run WebGL on the CPU: slower than wasm by an order of magnitude here. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

export interface BackendChoice {
  backend: BackendName;
  /** Why, as a note the UI words. */
  note: EngineNote;
}

/** What navigator.gpu.requestAdapter() gave, if anything. */
export interface WebgpuProbe {
  available: boolean;
  /** The adapter says it is a fallback (software) adapter. */
  fallback: boolean;
  /** Vendor, architecture and description joined, for the software check and the notice. */
  adapter: string;
}

export const NO_WEBGPU: WebgpuProbe = { available: false, fallback: false, adapter: '' };

function hardwareWebgpu(gpu: WebgpuProbe): boolean {
  return gpu.available && !gpu.fallback && !isSoftwareRenderer(gpu.adapter);
}

/** Options of the adapter rule that tests need: a software GPU is normally ruled out unraced. */
export interface ChooseOptions {
  /** Treat a software WebGL or WebGPU as a GPU candidate (it then loses the start-up race, see `raceResult`). */
  softwareIsCandidate?: boolean;
}

export function chooseBackend(requested: BackendRequest, probe: WebglProbe, gpu: WebgpuProbe = NO_WEBGPU, o: ChooseOptions = {}): BackendChoice {
  if (o.softwareIsCandidate && requested === 'auto') {
    if (gpu.available) return { backend: 'webgpu', note: note('webgpu-software-allowed', { adapter: gpu.adapter }) };
    if (probe.available) return { backend: 'webgl', note: note('webgl-software-allowed', { renderer: probe.renderer }) };
  }
  if (requested === 'wasm') return { backend: 'wasm', note: note('wasm-requested') };
  if (requested === 'webgpu') {
    return gpu.available ? { backend: 'webgpu', note: note('webgpu-requested') } : { backend: 'wasm', note: note('webgpu-unavailable') };
  }
  // WebGPU first where the adapter is real hardware: tfjs' WebGPU kernels beat its WebGL ones on the same GPU.
  if (requested === 'auto' && hardwareWebgpu(gpu)) return { backend: 'webgpu', note: note('webgpu-hardware', { adapter: gpu.adapter }) };
  if (!probe.available) return { backend: 'wasm', note: note('webgl-unavailable') };
  if (requested === 'webgl') return { backend: 'webgl', note: note('webgl-requested') };
  if (isSoftwareRenderer(probe.renderer)) return { backend: 'wasm', note: note('webgl-software', { renderer: probe.renderer }) };
  return { backend: 'webgl', note: note('webgl-hardware', { renderer: probe.renderer }) };
}

/** Milliseconds of the same warm passes (detector and recognition net) on one backend. */
export interface BackendTiming {
  backend: BackendName;
  ms: number;
}

/**
 * The start-up race: the adapter rule only says a GPU *could* be fast; an integrated GPU shared
 * with the display, a browser's slow path or a driver quirk can make it slower than wasm on the
 * CPU. The GPU backend is kept only when its warm passes are measured at most `margin` of wasm's
 * (10% faster: a tie goes to wasm, whose start-up and memory are smaller).
 */
export function raceResult(gpu: BackendTiming, wasm: BackendTiming, margin = 0.9): BackendChoice {
  const figures = { backend: gpu.backend, gpuMs: Math.round(gpu.ms), wasmMs: Math.round(wasm.ms) };
  if (Number.isFinite(gpu.ms) && gpu.ms <= margin * wasm.ms) return { backend: gpu.backend, note: note('race-gpu-faster', figures) };
  return { backend: 'wasm', note: note('race-wasm', figures) };
}

/**
 * Human falls back to tfjs's cpu backend without saying so when the one it was given fails to
 * start; cpu is ~20x slower than wasm. Returns the backend to switch to, or null when all is well.
 */
export function fallbackFix(active: string): BackendName | null {
  return active === 'cpu' || active === '' ? 'wasm' : null;
}

/** How the wasm backend runs: threads need SharedArrayBuffer, which only a cross-origin isolated page has. */
export interface WasmMode {
  threads: number;
  /** Why that many, for the Details section. */
  note: EngineNote;
}

/**
 * Threads for tfjs' wasm backend (XNNPACK's pool, the calling thread included). One core is always
 * left to the page, the camera and the browser: on a 2-core machine two threads ran the loop at
 * 0.15-0.39x of one thread (`pnpm bench browser --steps`, docs/benchmarks.md), as each step waits for
 * the slower thread. Beyond 8 threads the models here gain nothing. Not isolated: one thread, and
 * the page says why.
 */
export function wasmMode(isolated: boolean, cores: number | undefined): WasmMode {
  if (!isolated) return { threads: 1, note: note('threads-not-isolated') };
  const n = Math.max(1, Math.floor(cores ?? 1));
  const threads = Math.min(Math.max(1, n - 1), 8);
  return { threads, note: note('threads-isolated', { threads, cores: n }) };
}
