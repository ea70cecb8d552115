// The classroom simulation end to end on a small fixed case: six orl students enrolled through
// the gates, three of them and one stranger in front of the simulated camera for 12 s, the real
// Node engine and the real RecognitionSession with liveness as the simulation judges it (the motion
// rules; the texture model calls pasted photos pictures, see SIMULATED_LIVENESS).
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaceEngine } from '@rollcall/face';
import { createNodeFaceEngine } from '@rollcall/face/node';
import { DEFAULT_LIVENESS, DEFAULT_RECOGNITION } from '@rollcall/recognition';
import { beforeAll, describe, expect, it } from 'vitest';
import { enrolClass, type Enrolment } from '../src/classroom/enrol.ts';
import { afterEnrolment, planClass, type ClassPlan } from '../src/classroom/plan.ts';
import { simulateDay } from '../src/classroom/simulate.ts';
import { readPhotos } from '../src/eval/dataset.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ORL = join(resolve(process.env.FACES_DIR ?? join(ROOT, '../shared/faces')), 'orl');
const HAVE = existsSync(ORL);
if (!HAVE) console.warn(`[@rollcall/cli] skipping classroom simulation test: no face photos at ${ORL} (set FACES_DIR)`);

let engine: FaceEngine;
let plan: ClassPlan;
let enrolment: Enrolment;

describe.skipIf(!HAVE)('classroom simulation (orl, 6 students, 3 present, 1 stranger, 12 s at 2 fps)', () => {
  beforeAll(async () => {
    engine = await createNodeFaceEngine();
    plan = planClass(readPhotos(ORL), { students: 6, present: 3, strangers: 1, photosPerStudent: 3, oneSitting: false, seed: 1 });
    enrolment = await enrolClass(engine, ORL, plan);
  });

  it('enrols every student through the gates', () => {
    expect(enrolment.notEnrolled).toEqual([]);
    expect(enrolment.entries.length).toBeGreaterThanOrEqual(12);
  });

  it("replaces a refused photo with the student's next one, as an admin does, unless told to keep it refused", async () => {
    // A folder holding one unreadable "photo" and (linked, not copied) one orl person's photos.
    const dir = mkdtempSync(join(tmpdir(), 'rollcall-enrol-'));
    try {
      writeFileSync(join(dir, 'broken.jpg'), 'not a photo');
      symlinkSync(join(ORL, 's1'), join(dir, 's1'));
      const plan: ClassPlan = { enrolled: [{ identity: 's1', photos: ['broken.jpg', 's1/1.png'], spares: ['s1/2.png', 's1/3.png', 's1/4.png'] }], seats: [] };
      const replaced = await enrolClass(engine, dir, plan);
      expect(replaced.rejected.map((r) => r.photo)).toContain('broken.jpg');
      expect(replaced.entries).toHaveLength(2);
      expect(replaced.entries[0]!.embeddingId).toBe('s1/1.png');
      expect(replaced.replaced).toBe(1);
      const kept = await enrolClass(engine, dir, plan, { replaceRefused: false });
      expect(kept.entries.map((e) => e.embeddingId)).toEqual(['s1/1.png']);
      expect(kept.replaced).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks nobody wrongly, no stranger, offers no wrong name, and marks present students', async () => {
    const shown = afterEnrolment(plan, enrolment);
    const day = await simulateDay(engine, ORL, shown, enrolment.entries, { seconds: 12, fps: 2, seed: 1 });
    expect(day.present).toBe(3);
    expect(day.wrongMarks).toBe(0);
    expect(day.strangersMarked).toBe(0);
    expect(day.wrongSuggestions).toBe(0);
    // Every mark names the person who sits there.
    for (const m of day.marks) expect(m.truth).toBe(m.studentId);
    // The stranger was scored against the class and stayed under the threshold, as no mark says.
    expect(day.strangerBestScore).not.toBeNull();
    expect(day.strangerBestScore!).toBeLessThan(DEFAULT_RECOGNITION.threshold);
    // Measured 2 of 3 (the third, blurred, is held as a presentation by track liveness: docs/accuracy.md).
    expect(day.marked, JSON.stringify(day.missed)).toBeGreaterThanOrEqual(2);
  });

  it('with the texture model the same photos are pictures: nobody is marked, the photos wait in review', async () => {
    const day = await simulateDay(engine, ORL, afterEnrolment(plan, enrolment), enrolment.entries, {
      seconds: 12,
      fps: 2,
      seed: 1,
      liveness: DEFAULT_LIVENESS,
    });
    expect(day.wrongMarks).toBe(0);
    expect(day.marked, JSON.stringify(day.missed)).toBeLessThan(2);
    expect(day.reviewsByWhy['presentation'] ?? 0).toBeGreaterThan(0);
  });
});
