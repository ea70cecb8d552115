// The benchmark's baseline (scripts/bench/browser.ts): the loop Rollcall had before the worker,
// i.e. every face of every frame detected and embedded on the page's main thread, with the same
// engine package. It exposes its frame count so the bench reads frames per second.
import { createBrowserFaceEngine, toRgbImage } from '../../../packages/face/src/browser.ts';

declare global {
  interface Window {
    naive: { frames: number; faces: number; startedAt: number | null; backend: string };
  }
}

window.naive = { frames: 0, faces: 0, startedAt: null, backend: '' };
const video = document.querySelector('video')!;
video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 1920, height: 1080 } });
await video.play();
const engine = await createBrowserFaceEngine({ modelBaseUrl: '/', backend: 'wasm', verify: false });
window.naive.backend = engine.backend;
for (;;) {
  const result = await engine.analyze(toRgbImage(video));
  window.naive.faces = result.faces.length;
  window.naive.frames++;
  await new Promise((r) => requestAnimationFrame(r));
}
