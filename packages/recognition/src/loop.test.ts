// The loop's own scheduling on recorded observations: what each frame is analysed with (skip boxes,
// tiles at most once a second), lost frames skipped, marks made elsewhere noted once.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS } from './liveness/index.ts';
import { RecognitionLoop, type AnalyseFrame } from './loop.ts';
import { faceClip, galleryOf, PARAMS, population } from './testing/faces.ts';
import type { Box, FaceObservation } from './types.ts';

const A: Box = [100, 100, 160, 160];

async function setup(over: { embedDecided?: boolean } = {}) {
  const faces = population();
  const face = faceClip('head');
  const gallery = await galleryOf(faces, 4);
  const loop = new RecognitionLoop({ gallery, roster: null, params: PARAMS, liveness: DEFAULT_LIVENESS, inSession: true, cooldownMs: 0, ...over });
  const asked: { skip: Box[]; tiles: number }[] = [];
  /** A frame of student `who` at A, as the engine would report it given what the loop asked for. */
  const frameOf =
    (at: number, who: number): AnalyseFrame =>
    async (skip, tiles) => {
      asked.push({ skip, tiles });
      const skipped = skip.length > 0;
      const obs: FaceObservation = skipped ? face(A, null, { mesh: null }) : face(A, faces.sample(who));
      return { at, width: 1280, height: 720, faces: [obs] };
    };
  return { loop, asked, frameOf };
}

describe('RecognitionLoop', () => {
  it('searches tiles at most once a second and follows a decided track on the light path', async () => {
    const { loop, asked, frameOf } = await setup();
    const marks = [];
    for (let at = 0; at < 2000; at += 250) marks.push(...(await loop.step(at, frameOf(at, 0)))!.marks);
    expect(asked.map((a) => a.tiles)).toEqual([2, 0, 0, 0, 2, 0, 0, 0]);
    expect(marks.map((m) => m.studentId)).toEqual(['S0']);
    const markedAt = marks[0]!.at;
    // From the mark on, the face is only located.
    const after = asked.filter((_, i) => i * 250 > markedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((a) => a.skip.length === 1)).toBe(true);
  });

  it('embeds decided faces too when asked (Camera check), and marks nobody twice', async () => {
    const { loop, asked, frameOf } = await setup({ embedDecided: true });
    for (let at = 0; at < 2000; at += 250) await loop.step(at, frameOf(at, 0));
    expect(asked.every((a) => a.skip.length === 0)).toBe(true);
  });

  it('skips a lost frame without pushing it', async () => {
    const { loop } = await setup();
    expect(await loop.step(0, async () => null)).toBeNull();
  });

  it('notes each student marked elsewhere once: a student already marked is not marked again', async () => {
    const { loop, frameOf } = await setup();
    loop.noteMarked(['S0'], 0);
    loop.noteMarked(['S0', 'S1'], 0);
    const states = [];
    for (let at = 0; at < 2000; at += 250) {
      const step = (await loop.step(at, frameOf(at, 0)))!;
      expect(step.marks).toEqual([]);
      states.push(step.tracks[0]!.state.kind);
    }
    expect(states).toContain('already');
  });

  it('takes a roster change between frames', async () => {
    const { loop, frameOf } = await setup();
    loop.setRoster(new Set(['S1']));
    const marks = [];
    for (let at = 0; at < 1000; at += 250) marks.push(...(await loop.step(at, frameOf(at, 0)))!.marks);
    loop.setRoster(null);
    for (let at = 1000; at < 4000; at += 250) marks.push(...(await loop.step(at, frameOf(at, 0)))!.marks);
    expect(marks.map((m) => m.studentId)).toEqual(['S0']);
  });
});
