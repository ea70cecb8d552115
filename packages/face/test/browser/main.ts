// Test page: loads the browser engine on wasm and exposes one function the test drives.
import { createBrowserFaceEngine, decodeImageBlob, type EngineNote } from '../../src/browser.ts';

declare global {
  interface Window {
    faceReady: Promise<string>;
    faceNotices: EngineNote[];
    embedImage(base64: string, type: string): Promise<{ backend: string; vectors: number[][] }>;
  }
}

// ?backend=webgl asks for WebGL even where there is none, to exercise the cpu-fallback check;
// ?backend=race lets the software WebGL into the start-up race, which it must lose to wasm.
const asked = new URLSearchParams(location.search).get('backend');
const requested = asked === 'webgl' ? 'webgl' : asked === 'race' ? 'auto' : 'wasm';
window.faceNotices = [];
const engine = createBrowserFaceEngine({
  modelBaseUrl: '/',
  backend: requested,
  raceSoftwareGpu: asked === 'race',
  onNotice: (m) => window.faceNotices.push(m),
});
window.faceReady = engine.then((e) => e.backend);
window.embedImage = async (base64, type) => {
  const e = await engine;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const img = await decodeImageBlob(new Blob([bytes], { type }));
  const result = await e.analyze(img);
  return { backend: e.backend, vectors: result.faces.map((f) => Array.from(f.embedding.vector)) };
};
