// The text tfjs' pthreads start from: tfjs' own blob prefix plus pthreadFactorySource must define
// the threaded factory as a plain script would (checked on the real unbundled file, in a vm).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FaceError } from '../src/errors.ts';
import { pthreadFactorySource, THREADED_FACTORY_FILE } from '../src/wasm-threads.ts';

const require = createRequire(import.meta.url);
const unbundled = readFileSync(require.resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${THREADED_FACTORY_FILE}`), 'utf8');

describe('pthreadFactorySource', () => {
  it("gives tfjs' pthread blob a script that defines the factory", () => {
    // What tfjs puts in the blob: this prefix, then the factory's toString().
    const blob = `var WasmBackendModuleThreadedSimd = ${pthreadFactorySource(unbundled)}`;
    const pthread = vm.createContext({});
    vm.runInContext(blob, pthread);
    expect(typeof pthread.WasmBackendModuleThreadedSimd).toBe('function');
    // The factory of the module (its parameter is the Module object), not the wrapper around it.
    expect((pthread.WasmBackendModuleThreadedSimd as (...a: unknown[]) => unknown).length).toBe(1);
  });

  it('refuses a file that is not the factory', () => {
    expect(() => pthreadFactorySource('<!doctype html><p>Not found</p>')).toThrow(FaceError);
    expect(() => pthreadFactorySource('')).toThrow(expect.objectContaining({ code: 'model-corrupt', file: THREADED_FACTORY_FILE }));
  });
});
