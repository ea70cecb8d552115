// Track liveness end to end on a small fixed case: attack and genuine clips generated from
// ../shared/faces/bbt (and yale), the real Node face engine on every frame, verdicts as the core takes them.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaceEngine } from '@rollcall/face';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { DEFAULT_LIVENESS } from '@rollcall/recognition';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPhotos } from '../src/eval/dataset.ts';
import { measureTrackFrames } from '../src/liveness/measure.ts';
import { outcome } from '../src/liveness/report.ts';
import { DEFAULT_SCENE, planTracks, type TrackSpec } from '../src/scenes/tracks.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BBT = join(resolve(process.env.FACES_DIR ?? join(ROOT, '../shared/faces')), 'bbt');
const YALE = join(resolve(process.env.FACES_DIR ?? join(ROOT, '../shared/faces')), 'yale');
const HAVE = existsSync(BBT);
const HAVE_YALE = existsSync(YALE);
if (!HAVE) console.warn(`[@rollcall/cli] skipping liveness test: no face photos at ${BBT} (set FACES_DIR)`);
if (HAVE && !HAVE_YALE) console.warn(`[@rollcall/cli] skipping the yale liveness test: no face photos at ${YALE}`);

// The motion rules on their own: generated "genuine" clips are photos swapped in a frame, which the
// texture model rightly calls pictures (the texture is judged on real footage, `rollcall realvid`).
const MOTION = { ...DEFAULT_LIVENESS, padAttackBelow: 0 };

// 5 fps keeps the case small: 15 frames per clip, enough for every verdict the limits allow.
const SCENE = { ...DEFAULT_SCENE, fps: 5 };
let engine: FaceEngine;
let specs: TrackSpec[];

async function judge(spec: TrackSpec) {
  return outcome(await measureTrackFrames(engine, BBT, spec, SCENE), MOTION);
}

describe.skipIf(!HAVE)('track liveness on generated clips', () => {
  beforeAll(async () => {
    engine = await createNodeFaceEngine();
    specs = planTracks(readPhotos(BBT), { attacks: 6, genuine: 2 }, 1, SCENE);
  });

  it('a printed photo moved by a hand is never judged live and ends as a photo', async () => {
    const o = await judge(specs.find((s) => s.kind === 'attack' && s.medium === 'print' && !s.still)!);
    expect(o.detected).toBeGreaterThan(10);
    expect(o.liveAt).toBeNull();
    expect(o.final).toEqual({ kind: 'presentation', reasons: ['looks like a photo or a screen: the face did not move like a head'] });
  });

  it('with the texture model the printed photo is a print from its texture alone, and the genuine photo swaps are pictures too', async () => {
    const print = await measureTrackFrames(
      engine,
      BBT,
      specs.find((s) => s.kind === 'attack' && s.medium === 'print' && !s.still)!,
      SCENE,
    );
    expect(print.samples.every((s) => Number.isFinite(s.pad))).toBe(true);
    expect(outcome(print, DEFAULT_LIVENESS).final.reasons[0]).toMatch(/the texture reads as a screen or a print/);
    const swaps = await measureTrackFrames(engine, BBT, specs.filter((s) => s.kind === 'genuine')[0]!, SCENE);
    expect(outcome(swaps, DEFAULT_LIVENESS).liveAt).toBeNull();
  });

  it('a phone on a stand is never judged live and ends as a still', async () => {
    const o = await judge(specs.find((s) => s.kind === 'attack' && s.still)!);
    expect(o.liveAt).toBeNull();
    expect(o.final.kind).toBe('presentation');
  });

  it.each([0, 1])('genuine sequence %i (different photos of one person) is judged live', async (i) => {
    const spec = specs.filter((s) => s.kind === 'genuine')[i]!;
    const o = await judge(spec);
    expect(o.liveAt, `${spec.identity}: ${o.final.reasons.join('; ')}`).not.toBeNull();
    expect(o.final.kind).toBe('live');
  });

  it('a print held further away (faces of 56-80 px planned) is not judged live; the limits set for large faces took it for a head', async () => {
    // Seed 1's bbt print at this size: a 92 px face whose mesh jitter and motion blur read as a
    // turning head before the limits followed the noise (docs/accuracy.md, "Noise that grows").
    const far = { ...DEFAULT_SCENE, face: { min: 56, max: 80 } };
    const spec = planTracks(readPhotos(BBT), { attacks: 2, genuine: 0 }, 1, far).find((s) => s.medium === 'print')!;
    const t = await measureTrackFrames(engine, BBT, spec, far);
    expect(t.samples.length).toBeGreaterThan(20);
    expect(outcome(t, MOTION).liveAt).toBeNull();
    expect(outcome(t, { ...MOTION, noiseWidthPx: 0, motionNoise: 0, minFacePx: 80 }).liveAt).not.toBeNull();
  });

  it('a glossy print whose highlight slides over the face is not judged live', async () => {
    // Seed 1's busy-scene bbt print at 10 fps, a small face whose mesh jumps. With a plain
    // correlation of the pixels (no high-pass, trim or shift), 6 of this seed's 12 glossy attacks
    // were judged live (docs/accuracy.md, "Pixels, not only points").
    const glossy = { ...DEFAULT_SCENE, face: { min: 50, max: 130 }, glare: true };
    const spec = planTracks(readPhotos(BBT), { attacks: 3, genuine: 0 }, 1, glossy).find((s) => s.medium === 'print' && s.busy)!;
    const t = await measureTrackFrames(engine, BBT, spec, glossy);
    expect(t.samples.length).toBeGreaterThan(15);
    expect(outcome(t, MOTION).liveAt).toBeNull();
  });

  it.skipIf(!HAVE_YALE)('photos of one person that differ mostly in light are live on their pixels; the mesh alone called them a photo', async () => {
    // yale, seed 3: the face barely turns between photos, so its points move as a plane would,
    // but its shading does not move with it (docs/accuracy.md, "Pixels, not only points").
    const spec = planTracks(readPhotos(YALE), { attacks: 0, genuine: 1 }, 3, SCENE)[0]!;
    const t = await measureTrackFrames(engine, YALE, spec, SCENE);
    expect(outcome(t, MOTION).final.kind).toBe('live');
    expect(outcome(t, { ...MOTION, textureLimit: 2 }).final.kind).toBe('presentation');
  });
});
