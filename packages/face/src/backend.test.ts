import { describe, expect, it } from 'vitest';
import { chooseBackend, fallbackFix } from './backend.ts';

describe('backend choice', () => {
  it('uses WebGL only when it is hardware accelerated', () => {
    expect(chooseBackend('auto', { available: true, renderer: 'ANGLE (NVIDIA GeForce RTX 3060)' }).backend).toBe('webgl');
    expect(chooseBackend('auto', { available: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' }).backend).toBe('wasm');
    expect(chooseBackend('auto', { available: true, renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' }).backend).toBe('wasm');
    expect(chooseBackend('auto', { available: false, renderer: '' }).backend).toBe('wasm');
  });

  it('honours an explicit request when it can', () => {
    expect(chooseBackend('wasm', { available: true, renderer: 'NVIDIA' }).backend).toBe('wasm');
    expect(chooseBackend('webgl', { available: true, renderer: 'SwiftShader' }).backend).toBe('webgl');
    expect(chooseBackend('webgl', { available: false, renderer: '' }).backend).toBe('wasm');
  });

  it('switches away from a silent cpu fallback', () => {
    expect(fallbackFix('cpu')).toBe('wasm');
    expect(fallbackFix('webgl')).toBeNull();
    expect(fallbackFix('wasm')).toBeNull();
  });
});
