import { describe, expect, it } from 'vitest';
import { chooseBackend, fallbackFix, raceResult, wasmMode } from './backend.ts';

describe('backend choice', () => {
  it('uses WebGL only when it is hardware accelerated', () => {
    expect(chooseBackend('auto', { available: true, renderer: 'ANGLE (NVIDIA GeForce RTX 3060)' }).backend).toBe('webgl');
    expect(chooseBackend('auto', { available: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' }).backend).toBe('wasm');
    expect(chooseBackend('auto', { available: true, renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' }).backend).toBe('wasm');
    expect(chooseBackend('auto', { available: false, renderer: '' }).backend).toBe('wasm');
    // Why, as a code the app words, with the renderer's own name.
    expect(chooseBackend('auto', { available: true, renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' }).note).toEqual({
      code: 'webgl-software',
      values: { renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
    });
  });

  it('honours an explicit request when it can', () => {
    expect(chooseBackend('wasm', { available: true, renderer: 'NVIDIA' }).backend).toBe('wasm');
    expect(chooseBackend('webgl', { available: true, renderer: 'SwiftShader' }).backend).toBe('webgl');
    expect(chooseBackend('webgl', { available: false, renderer: '' }).backend).toBe('wasm');
  });

  it('the start-up race keeps a GPU backend only when measured clearly faster than wasm', () => {
    expect(raceResult({ backend: 'webgpu', ms: 20.4 }, { backend: 'wasm', ms: 90 })).toEqual({
      backend: 'webgpu',
      note: { code: 'race-gpu-faster', values: { backend: 'webgpu', gpuMs: 20, wasmMs: 90 } },
    });
    // A tie, or a GPU only a little faster, goes to wasm; so does a pass that failed (NaN).
    expect(raceResult({ backend: 'webgl', ms: 85 }, { backend: 'wasm', ms: 90 }).backend).toBe('wasm');
    expect(raceResult({ backend: 'webgl', ms: 2000 }, { backend: 'wasm', ms: 90 }).note).toEqual({
      code: 'race-wasm',
      values: { backend: 'webgl', gpuMs: 2000, wasmMs: 90 },
    });
    expect(raceResult({ backend: 'webgl', ms: Number.NaN }, { backend: 'wasm', ms: 90 }).backend).toBe('wasm');
  });

  it('lets a software GPU into the race only when asked', () => {
    const swiftshader = { available: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' };
    expect(chooseBackend('auto', swiftshader).backend).toBe('wasm');
    expect(chooseBackend('auto', swiftshader, undefined, { softwareIsCandidate: true }).backend).toBe('webgl');
    expect(chooseBackend('wasm', swiftshader, undefined, { softwareIsCandidate: true }).backend).toBe('wasm');
  });

  it('switches away from a silent cpu fallback', () => {
    expect(fallbackFix('cpu')).toBe('wasm');
    expect(fallbackFix('webgl')).toBeNull();
    expect(fallbackFix('wasm')).toBeNull();
  });

  it('prefers hardware WebGPU, never a software or fallback adapter', () => {
    const hw = { available: true, renderer: 'ANGLE (NVIDIA GeForce RTX 3060)' };
    expect(chooseBackend('auto', hw, { available: true, fallback: false, adapter: 'nvidia ampere' }).backend).toBe('webgpu');
    expect(chooseBackend('auto', hw, { available: true, fallback: true, adapter: 'google' }).backend).toBe('webgl');
    expect(chooseBackend('auto', { available: false, renderer: '' }, { available: true, fallback: false, adapter: 'google swiftshader' }).backend).toBe('wasm');
    expect(chooseBackend('webgpu', { available: false, renderer: '' }).backend).toBe('wasm');
    expect(chooseBackend('webgpu', { available: false, renderer: '' }, { available: true, fallback: true, adapter: '' }).backend).toBe('webgpu');
  });

  it('runs wasm threads only when cross-origin isolated, leaving a core to the page on bigger machines', () => {
    expect(wasmMode(false, 8).threads).toBe(1);
    expect(wasmMode(false, 8).note).toEqual({ code: 'threads-not-isolated', values: {} });
    expect(wasmMode(true, 2).threads).toBe(1);
    expect(wasmMode(true, 2).note).toEqual({ code: 'threads-isolated', values: { threads: 1, cores: 2 } });
    expect(wasmMode(true, 4).threads).toBe(3);
    expect(wasmMode(true, 8).threads).toBe(7);
    expect(wasmMode(true, 32).threads).toBe(8);
    expect(wasmMode(true, undefined).threads).toBe(1);
  });
});
