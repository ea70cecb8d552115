// Lets tfjs' threaded wasm start from a bundled face worker: its pthreads get the unbundled factory's text.
//
// tfjs starts each pthread from a blob holding `var WasmBackendModuleThreadedSimd = ` + the factory
// function's own source (Function.prototype.toString). Once Vite bundles and minifies that
// function, its text refers to variables of the bundle around it ("e is not defined" in every
// pthread) and the backend never starts. The unbundled factory ships beside the wasm binaries
// (models/manifest.json, so it is checked, copied and cached offline like them); the worker reads
// its text once and the factory hands that text out instead of the minified one.
import { FaceError } from './errors.ts';

export const THREADED_FACTORY_FILE = 'tfjs-backend-wasm-threaded-simd.js';

/**
 * What the factory's toString must return so that tfjs' pthread blob defines the factory: the
 * blob's own prefix assigns `undefined`, then the unbundled file declares the same global again.
 */
export function pthreadFactorySource(fileText: string): string {
  if (!/var WasmBackendModuleThreadedSimd\s*=/.test(fileText)) {
    throw new FaceError('model-corrupt', `${THREADED_FACTORY_FILE} does not define WasmBackendModuleThreadedSimd`, THREADED_FACTORY_FILE);
  }
  return `undefined;\n${fileText}`;
}

/** Fetches the unbundled factory and makes the bundled one describe itself with its text. */
export async function shipThreadedFactory(base: string): Promise<void> {
  const url = base + THREADED_FACTORY_FILE;
  const res = await fetch(url).catch(() => null);
  if (!res?.ok) throw new FaceError('model-missing', `${url} is missing (${res ? res.status : 'no answer'})`, THREADED_FACTORY_FILE);
  const source = pthreadFactorySource(await res.text());
  // The same module instance tfjs-backend-wasm imports (the same file), so the same function object.
  const mod = (await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) as { default?: unknown };
  const factory = (mod.default ?? mod) as { toString(): string };
  Object.defineProperty(factory, 'toString', { value: () => source, configurable: true });
}

/**
 * Runs `start` (the backend's start-up) with tfjs seeing enough cores for `threads` threads.
 * tfjs caps its XNNPACK pool at navigator.hardwareConcurrency / 2, assuming two logical cores per
 * physical one, and reads it once as its wasm module starts; on a 2-core laptop that is one
 * thread whatever setThreadsCount asked. Rollcall picks the count itself (wasmMode), so for the
 * start-up only, this worker's navigator reports twice that count; the real value comes back after.
 */
export async function withThreadsForTfjs<T>(threads: number, start: () => Promise<T>): Promise<T> {
  if (threads <= 1 || typeof navigator === 'undefined') return start();
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: threads * 2, configurable: true });
  try {
    return await start();
  } finally {
    Reflect.deleteProperty(navigator, 'hardwareConcurrency');
  }
}
