// The face engine's notes (which backend and why, a fallback, the start-up race, wasm threads) in
// the app's language: the engine gives a code and values, this words them. Backend names, GPU
// adapters and renderers are technical names, shown as the browser gives them.
import type { EngineNote } from '@rollcall/face/browser';
import { t } from '../core/i18n.ts';
import { formatNumber } from '../ui/format.ts';
import { faceErrorText } from '../ui/face-error-text.ts';

/** A note the page adds itself: the worker stopped and a new one starts. */
export interface RestartNote {
  code: 'restarting';
  values: { message: string };
}

export type FaceNote = EngineNote | RestartNote;

/** A note as the Details section says it, read at call time in the language spoken then. */
export function faceNoteText(note: FaceNote): string {
  switch (note.code) {
    case 'webgpu-software-allowed':
      return t(
        { id: 'face.note.webgpuSoftwareAllowed', defaultMessage: 'WebGPU{named, select, yes { ({adapter})} other {}}, software allowed' },
        { adapter: note.values.adapter, named: note.values.adapter ? 'yes' : 'no' },
      );
    case 'webgl-software-allowed':
      return t({ id: 'face.note.webglSoftwareAllowed', defaultMessage: 'WebGL ({renderer}), software allowed' }, note.values);
    case 'wasm-requested':
      return t({ id: 'face.note.wasmRequested', defaultMessage: 'wasm requested' });
    case 'webgpu-requested':
      return t({ id: 'face.note.webgpuRequested', defaultMessage: 'WebGPU requested' });
    case 'webgpu-unavailable':
      return t({ id: 'face.note.webgpuUnavailable', defaultMessage: 'WebGPU is not available; using wasm' });
    case 'webgpu-hardware':
      return t(
        { id: 'face.note.webgpuHardware', defaultMessage: 'hardware WebGPU{named, select, yes { ({adapter})} other {}}' },
        { adapter: note.values.adapter, named: note.values.adapter ? 'yes' : 'no' },
      );
    case 'webgl-unavailable':
      return t({ id: 'face.note.webglUnavailable', defaultMessage: 'WebGL is not available; using wasm' });
    case 'webgl-requested':
      return t({ id: 'face.note.webglRequested', defaultMessage: 'WebGL requested' });
    case 'webgl-software':
      return t({ id: 'face.note.webglSoftware', defaultMessage: 'WebGL runs in software ({renderer}); using wasm' }, note.values);
    case 'webgl-hardware':
      return t({ id: 'face.note.webglHardware', defaultMessage: 'hardware WebGL ({renderer})' }, note.values);
    case 'race-gpu-faster':
      return t(
        { id: 'face.note.raceGpuFaster', defaultMessage: 'measured faster: {backend} {gpuMs} ms against wasm {wasmMs} ms a pass' },
        { backend: note.values.backend, gpuMs: formatNumber(note.values.gpuMs), wasmMs: formatNumber(note.values.wasmMs) },
      );
    case 'race-wasm':
      return t(
        {
          id: 'face.note.raceWasm',
          defaultMessage: '{backend} measured no faster than wasm ({backend} {gpuMs} ms against wasm {wasmMs} ms a pass); using wasm',
        },
        { backend: note.values.backend, gpuMs: formatNumber(note.values.gpuMs), wasmMs: formatNumber(note.values.wasmMs) },
      );
    case 'cpu-fallback':
      return t({ id: 'face.note.cpuFallback', defaultMessage: 'tfjs fell back to the cpu backend instead of {wanted}; switching to {fix}' }, note.values);
    case 'backend-failed':
      return t({ id: 'face.note.backendFailed', defaultMessage: '{wanted} failed to start; using {active}' }, note.values);
    case 'threads-not-isolated':
      return t({ id: 'face.note.threadsNotIsolated', defaultMessage: 'single-threaded: the page is not cross-origin isolated (no COOP/COEP headers)' });
    case 'threads-isolated':
      return t(
        {
          id: 'face.note.threadsIsolated',
          defaultMessage: '{threads, plural, one {# thread} other {# threads}} of {cores, plural, one {# core} other {# cores}} (cross-origin isolated)',
        },
        note.values,
      );
    case 'threads-unavailable':
      return t(
        { id: 'face.note.threadsUnavailable', defaultMessage: 'single-threaded: {error}' },
        { error: faceErrorText(note.values.errorCode, note.values.error) },
      );
    case 'restarting':
      return t({ id: 'face.restarting', defaultMessage: 'the face engine stopped ({message}) and is restarting' }, note.values);
  }
}
