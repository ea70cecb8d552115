// `pnpm bench liveness`: what one track-liveness call costs (the recognition core makes one per
// frame for every face still being decided), with the face's pixels compared across frames
// (texture.ts) against the same frames with the mesh alone, in the same process. Each patch is
// high-passed once and kept (a track's frames are compared many times over), so the calls timed
// here leave out that once-per-frame step: about 32 x 32 x 25 additions per new frame.
import { facePatch, type RgbImage } from '../../packages/face/src/index.ts';
import { assessLiveness, DEFAULT_LIVENESS, type LivenessSample } from '../../packages/recognition/src/liveness/index.ts';
import { handHomography, head3d, jitter, project, rng, sample, warp } from '../../packages/recognition/src/testing/heads.ts';

const FPS = 10;
const FRAMES = Math.round((DEFAULT_LIVENESS.windowMs / 1000) * FPS);

/** A 640x480 frame of seeded noise blobs: the patch's content does not change its cost. */
function frame(seed: number): RgbImage {
  const r = rng(seed);
  const data = new Uint8Array(640 * 480 * 3);
  for (let i = 0; i < data.length; i += 3) data.fill(Math.round(100 + 60 * r()), i, i + 3);
  return { width: 640, height: 480, data };
}

function track(withPatches: boolean): LivenessSample[] {
  const r = rng(5);
  const img = frame(9);
  return Array.from({ length: FRAMES }, (_, i) => {
    const s = sample((i * 1000) / FPS, jitter(warp(project(head3d(), 0, 0), handHomography(i / FPS)), r, 0.5));
    return { ...s, patch: withPatches ? facePatch(img, s.box) : null };
  });
}

function msPerCall(samples: LivenessSample[], rounds: number): number {
  const t0 = performance.now();
  for (let k = 0; k < rounds; k++) assessLiveness(samples, DEFAULT_LIVENESS);
  return (performance.now() - t0) / rounds;
}

export async function run(argv: string[]): Promise<void> {
  const rounds = Number(argv[argv.indexOf('--rounds') + 1]) || 200;
  const meshOnly = track(false);
  const withPixels = track(true);
  msPerCall(meshOnly, 20);
  msPerCall(withPixels, 20);
  const base = msPerCall(meshOnly, rounds);
  const pixels = msPerCall(withPixels, rounds);
  console.log(`track liveness, one call over a ${DEFAULT_LIVENESS.windowMs / 1000} s window at ${FPS} fps (${FRAMES} frames, ${rounds} calls each)`);
  console.log(`| variant | ms per call | ratio |`);
  console.log(`|---|---|---|`);
  console.log(`| mesh only (baseline) | ${base.toFixed(2)} | 1.00 |`);
  console.log(`| mesh and pixels (shipped) | ${pixels.toFixed(2)} | ${(pixels / base).toFixed(2)} |`);
}
