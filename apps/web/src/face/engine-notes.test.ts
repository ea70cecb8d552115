// The face engine's notes in every language the app speaks: each code the engine can give has a
// message in every catalogue, with its values in it, and the Details line reads as it did in English.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineMode, EngineNoteCode, EngineNoteValues } from '@rollcall/face/browser';
import { LANGUAGES, setLanguage } from '../core/i18n.ts';
import { faceNoteText, type FaceNote } from './engine-notes.ts';
import { describeMode } from './face-service.ts';

afterEach(() => setLanguage('en'));

// One of each: a code the engine adds does not compile until it is here.
const SAMPLES: { [C in EngineNoteCode]: EngineNoteValues[C] } = {
  'webgpu-software-allowed': { adapter: 'google swiftshader' },
  'webgl-software-allowed': { renderer: 'SwiftShader' },
  'wasm-requested': {},
  'webgpu-requested': {},
  'webgpu-unavailable': {},
  'webgpu-hardware': { adapter: 'nvidia ampere' },
  'webgl-unavailable': {},
  'webgl-requested': {},
  'webgl-software': { renderer: 'llvmpipe' },
  'webgl-hardware': { renderer: 'ANGLE (NVIDIA)' },
  'race-gpu-faster': { backend: 'webgl', gpuMs: 1234, wasmMs: 5678 },
  'race-wasm': { backend: 'webgpu', gpuMs: 4321, wasmMs: 876 },
  'cpu-fallback': { wanted: 'webgl', fix: 'wasm' },
  'backend-failed': { wanted: 'webgpu', active: 'wasm' },
  'threads-not-isolated': {},
  'threads-isolated': { threads: 3, cores: 4 },
  'threads-unavailable': { error: 'tfjs-backend-wasm-threaded-simd.js is missing (404)', errorCode: 'model-missing' },
};
const NOTES: FaceNote[] = [
  ...(Object.entries(SAMPLES) as [EngineNoteCode, object][]).map(([code, values]) => ({ code, values }) as FaceNote),
  { code: 'restarting', values: { message: 'out of memory' } },
];

describe('the face engine notes', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('has every note in %s, with its technical names in it', async (lang) => {
    await setLanguage('en');
    const english = NOTES.map(faceNoteText);
    await setLanguage(lang);
    const missing = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const said = NOTES.map(faceNoteText);
      expect(missing.mock.calls).toEqual([]);
      said.forEach((text, i) => {
        expect(text, NOTES[i]!.code).not.toBe(english[i]);
        for (const name of ['swiftshader', 'SwiftShader', 'nvidia ampere', 'llvmpipe', 'ANGLE (NVIDIA)', 'out of memory'])
          if (english[i]!.includes(name)) expect(text).toContain(name);
      });
    } finally {
      missing.mockRestore();
    }
  });

  it('words the race figures and thread counts in the language', async () => {
    expect(faceNoteText({ code: 'race-wasm', values: SAMPLES['race-wasm'] })).toBe(
      'webgpu measured no faster than wasm (webgpu 4,321 ms against wasm 876 ms a pass); using wasm',
    );
    expect(faceNoteText({ code: 'threads-isolated', values: { threads: 1, cores: 2 } })).toBe('1 thread of 2 cores (cross-origin isolated)');
    expect(faceNoteText({ code: 'webgpu-hardware', values: { adapter: '' } })).toBe('hardware WebGPU');
    await setLanguage('de');
    expect(faceNoteText({ code: 'race-gpu-faster', values: SAMPLES['race-gpu-faster'] })).toBe(
      'schneller gemessen: webgl 1.234 ms gegenüber wasm 5.678 ms pro Durchlauf',
    );
    expect(faceNoteText({ code: 'threads-unavailable', values: SAMPLES['threads-unavailable'] })).toMatch(/^ein Thread: .*neu/);
  });

  it('says the engine mode of the Details section from the notes', async () => {
    const mode: EngineMode = {
      backend: 'wasm',
      note: { code: 'webgl-software', values: { renderer: 'SwiftShader' } },
      crossOriginIsolated: true,
      threads: 3,
      threadsNote: { code: 'threads-isolated', values: { threads: 3, cores: 4 } },
      simd: true,
    };
    expect(describeMode(mode)).toBe('wasm SIMD, 3 threads, in a worker (3 threads of 4 cores (cross-origin isolated))');
    expect(
      describeMode({
        ...mode,
        backend: 'webgl',
        threads: null,
        threadsNote: null,
        simd: null,
        note: { code: 'webgl-hardware', values: SAMPLES['webgl-hardware'] },
      }),
    ).toBe('webgl (hardware WebGL (ANGLE (NVIDIA)))');
    await setLanguage('es');
    expect(describeMode(mode)).toBe('wasm SIMD, 3 hilos, en un worker (3 hilos de 4 núcleos (con aislamiento de origen cruzado))');
  });
});
