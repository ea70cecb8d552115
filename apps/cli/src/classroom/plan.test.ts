// The class plan: seeded, enrolment one-sitting or varied, strangers never enrolled, nobody shown
// with an enrolment photo while they have others, seats inside the frame.
import { describe, expect, it } from 'vitest';
import { afterEnrolment, CLASSROOM_FRAME, planClass } from './plan.ts';

const photos = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((id) => [...Array(6).keys()].map((i) => ({ identity: id, path: `${id}/${i}.jpg` })));
/** An enrolment that kept these photos. */
const enrolled = (photos: string[]) => ({ entries: photos.map((embeddingId) => ({ embeddingId })) });
const base = { students: 4, present: 3, strangers: 2, photosPerStudent: 3, oneSitting: false, seed: 7 };

describe('planClass', () => {
  it('is the same class for the same seed and another for another seed', () => {
    expect(planClass(photos, base)).toEqual(planClass(photos, base));
    expect(planClass(photos, { ...base, seed: 8 })).not.toEqual(planClass(photos, base));
  });

  it('one sitting enrols K consecutive photos by name', () => {
    for (const e of planClass(photos, { ...base, oneSitting: true }).enrolled) {
      const idx = e.photos.map((p) => Number(p.split('/')[1]!.split('.')[0]));
      expect(idx).toEqual([idx[0], idx[0]! + 1, idx[0]! + 2]);
    }
  });

  it('seats present students and strangers, never showing an enrolment photo, inside the frame', () => {
    const plan = planClass(photos, base);
    const enrolled = new Map(plan.enrolled.map((e) => [e.identity, e.photos]));
    expect(plan.seats.filter((s) => s.kind === 'student')).toHaveLength(3);
    for (const s of plan.seats) {
      if (s.kind === 'stranger') expect(enrolled.has(s.identity)).toBe(false);
      else expect(s.shown.filter((p) => enrolled.get(s.identity)!.includes(p))).toEqual([]);
      expect(s.face).toBeGreaterThanOrEqual(CLASSROOM_FRAME.minFace * 0.5);
      expect(s.face).toBeLessThanOrEqual(CLASSROOM_FRAME.maxFace);
      expect(s.x).toBeGreaterThan(0);
      expect(s.x).toBeLessThan(CLASSROOM_FRAME.width);
      expect(s.y).toBeLessThan(CLASSROOM_FRAME.height);
    }
  });

  it('keeps every other photo of a student as a spare, the nearest by name first for one sitting', () => {
    for (const oneSitting of [false, true]) {
      for (const e of planClass(photos, { ...base, oneSitting }).enrolled) {
        expect([...e.photos, ...e.spares].sort()).toEqual([...Array(6).keys()].map((i) => `${e.identity}/${i}.jpg`));
        if (!oneSitting) continue;
        const last = Number(e.photos[2]!.split('/')[1]!.split('.')[0]);
        const first = Number(e.photos[0]!.split('/')[1]!.split('.')[0]);
        expect(e.spares[0]).toBe(last < 5 ? `${e.identity}/${last + 1}.jpg` : `${e.identity}/${first - 1}.jpg`);
      }
    }
  });

  it('after enrolment no longer shows a spare that was enrolled, and shows refused photos when nothing else is left', () => {
    const plan = planClass(photos, base);
    const seat = plan.seats.find((s) => s.kind === 'student')!;
    const planned = plan.enrolled.find((e) => e.identity === seat.identity)!;
    // Nothing replaced: the plan is unchanged.
    expect(afterEnrolment(plan, enrolled(plan.enrolled.flatMap((e) => e.photos)))).toEqual(plan);
    // The first planned photo refused, replaced by the first shown one.
    const after = afterEnrolment(plan, enrolled([...planned.photos.slice(1), seat.shown[0]!])).seats.find((s) => s.identity === seat.identity)!;
    expect(after.shown).toEqual(seat.shown.slice(1));
    // Every shown photo enrolled in place of refused ones: the refused one is what the camera sees.
    const all = afterEnrolment(plan, enrolled([...planned.photos.slice(1), ...seat.shown])).seats.find((s) => s.identity === seat.identity)!;
    expect(all.shown).toEqual([planned.photos[0]]);
  });

  it('refuses a class larger than the folder with a usage error', () => {
    expect(() => planClass(photos, { ...base, students: 5, strangers: 2 })).toThrow(/needs 7 identities/);
  });
});
