// Which tfjs backend to run on, decided from what the browser reports. Pure, so the rule is tested
// without a browser: WebGL only when it is hardware-accelerated, wasm otherwise.

export type BackendName = 'webgl' | 'wasm';
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
  /** Why, in words a log or the UI can show. */
  reason: string;
}

export function chooseBackend(requested: BackendRequest, probe: WebglProbe): BackendChoice {
  if (requested === 'wasm') return { backend: 'wasm', reason: 'wasm requested' };
  if (!probe.available) return { backend: 'wasm', reason: 'WebGL is not available; using wasm' };
  if (requested === 'webgl') return { backend: 'webgl', reason: 'WebGL requested' };
  if (isSoftwareRenderer(probe.renderer)) return { backend: 'wasm', reason: `WebGL runs in software (${probe.renderer}); using wasm` };
  return { backend: 'webgl', reason: `hardware WebGL (${probe.renderer})` };
}

/**
 * Human falls back to tfjs's cpu backend without saying so when the one it was given fails to
 * start; cpu is ~20x slower than wasm. Returns the backend to switch to, or null when all is well.
 */
export function fallbackFix(active: string): BackendName | null {
  return active === 'cpu' || active === '' ? 'wasm' : null;
}
