// Camera-free students (no granted consent) are never marked or offered for review: the page gives
// the recognition core a roster without them. Runs the real core on synthetic embeddings, with the
// camera-free student's face data still in the gallery (as before a withdrawal has synced).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVENESS, RecognitionSession, type SessionStep } from '@rollcall/recognition';
import { faceRoster } from '../src/core/camera-free.ts';
import { face, galleryOf, PARAMS, population } from '../../../packages/recognition/src/testing/faces.ts';

const students = [
  { studentId: 'S0', cameraFree: false },
  { studentId: 'S1', cameraFree: true },
  { studentId: 'S2', cameraFree: false },
  // A cached row from before consent existed: assumed camera-free.
  { studentId: 'S3' },
];

describe('faceRoster', () => {
  it('keeps roster students with consent and drops the camera-free, with or without a class', () => {
    expect([...faceRoster(new Set(['S0', 'S1', 'S3']), students)]).toEqual(['S0']);
    expect([...faceRoster(null, students)].sort()).toEqual(['S0', 'S2']);
  });

  it('makes the core neither mark nor suggest a camera-free student whose face is still in the gallery', async () => {
    const faces = population();
    const gallery = await galleryOf(faces, 4);
    /** Twelve frames of one student's face through a fresh session: who is marked, who is offered for review. */
    const run = (roster: ReadonlySet<string> | null, student: number) => {
      // Liveness is not what this test is about (the synthetic mesh never moves): it is switched off.
      const session = new RecognitionSession({
        gallery,
        roster,
        params: { ...PARAMS, requireLiveness: false },
        liveness: DEFAULT_LIVENESS,
        inSession: true,
        cooldownMs: 60_000,
      });
      const steps: SessionStep[] = [];
      for (let i = 1; i <= 12; i++)
        steps.push(session.push({ at: i * 100, width: 1280, height: 720, faces: [face([100, 100, 120, 120], faces.sample(student))] }));
      return {
        marked: steps.flatMap((s) => s.marks.map((m) => m.studentId)),
        offered: steps.flatMap((s) => s.reviews.flatMap((r) => r.candidates.map((c) => c.studentId))),
      };
    };
    const roster = faceRoster(null, students);
    expect(run(roster, 1)).toEqual({ marked: [], offered: [] });
    // The consenting student is marked through the same roster: it is not simply empty.
    expect(run(roster, 0).marked).toEqual(['S0']);
    // Without the filter the same frames mark S1: the test can tell the difference.
    expect(run(null, 1).marked).toEqual(['S1']);
  });
});
