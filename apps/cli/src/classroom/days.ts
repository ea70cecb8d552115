// Consecutive simulated school days with the same class: each day the students show photos not
// shown on other days (where they have enough), and with learning on, after each day every mark
// the device made teaches the gallery what `embeddingsToLearn` allows, as a device would: it does
// not know who really sat there, so a wrong mark would be learned too (counted as learnedWrong).
// A simulated teacher also works through the review list: an item where an enrolled student sat
// is confirmed as that student (the teacher knows who is in the room), and teaches what
// `embeddingsToLearnFromConfirmation` allows: nothing when the item named someone else first.
// Items for strangers are dismissed.
import type { FaceEngine } from '@rollcall/face';
import type { GalleryEntry } from '@rollcall/matcher';
import {
  CONFIRMED_LEARN,
  DEFAULT_LEARN,
  embeddingsToLearn,
  embeddingsToLearnFromConfirmation,
  reviewSighting,
  type LearnParams,
  type ReviewDecision,
} from '@rollcall/recognition';
import type { ClassPlan } from './plan.ts';
import { simulateDay, type DayOptions, type DayResult } from './simulate.ts';

export type DayRow = Omit<DayResult, 'marks' | 'reviews'> & {
  day: number;
  learned: number;
  learnedWrong: number;
  /** Of `learned`, how many came from the simulated teacher's confirmations. */
  learnedConfirmed: number;
  galleryEmbeddings: number;
};

/** Day `d` of `days`: each person shows every days-th of their photos, starting at their d-th. */
export function planForDay(plan: ClassPlan, d: number, days: number): ClassPlan {
  return {
    ...plan,
    seats: plan.seats.map((s) => {
      const mine = s.shown.filter((_, i) => i % days === d % days);
      return { ...s, shown: mine.length ? mine : s.shown };
    }),
  };
}

/**
 * The simulated teacher: each review item where an enrolled student sat is confirmed as that
 * student, and what the confirmation may teach is added to `entries` (ids under `prefix`).
 * Returns how many embeddings were learned.
 */
export function teacherConfirms(
  reviews: readonly (ReviewDecision & { truth: string | null })[],
  entries: GalleryEntry[],
  learnedBy: Map<string, number>,
  prefix: string,
): number {
  let learned = 0;
  for (const rv of reviews) {
    const kept = reviewSighting(rv, CONFIRMED_LEARN);
    if (!kept || rv.truth === null) continue;
    const who = rv.truth;
    const known = entries.filter((e) => e.studentId === who).map((e) => e.vector);
    const v = embeddingsToLearnFromConfirmation(kept, who, known, learnedBy.get(who) ?? 0, CONFIRMED_LEARN);
    for (const [i, vector] of v.learn.entries()) entries.push({ studentId: who, embeddingId: `${prefix}:${rv.trackId}:${i}`, vector });
    learnedBy.set(who, (learnedBy.get(who) ?? 0) + v.learn.length);
    learned += v.learn.length;
  }
  return learned;
}

export async function simulateDays(
  engine: FaceEngine,
  folder: string,
  plan: ClassPlan,
  enrolled: readonly GalleryEntry[],
  o: DayOptions & { days: number; learn: LearnParams | null },
): Promise<DayRow[]> {
  const entries = [...enrolled];
  const learnedBy = new Map<string, number>();
  const rows: DayRow[] = [];
  for (let d = 0; d < o.days; d++) {
    const { marks, reviews, ...day } = await simulateDay(engine, folder, planForDay(plan, d, o.days), entries, { ...o, seed: o.seed * 1000 + d });
    let learned = 0;
    let learnedWrong = 0;
    for (const m of o.learn ? marks : []) {
      const known = entries.filter((e) => e.studentId === m.studentId).map((e) => e.vector);
      const v = embeddingsToLearn(m, known, learnedBy.get(m.studentId) ?? 0, o.learn ?? DEFAULT_LEARN);
      for (const [i, vector] of v.learn.entries()) entries.push({ studentId: m.studentId, embeddingId: `sighting:${d}:${m.trackId}:${i}`, vector });
      learnedBy.set(m.studentId, (learnedBy.get(m.studentId) ?? 0) + v.learn.length);
      learned += v.learn.length;
      if (m.truth !== m.studentId) learnedWrong += v.learn.length;
    }
    const learnedConfirmed = o.learn ? teacherConfirms(reviews, entries, learnedBy, `confirmed:${d}`) : 0;
    learned += learnedConfirmed;
    rows.push({ day: d + 1, ...day, learned, learnedWrong, learnedConfirmed, galleryEmbeddings: entries.length });
  }
  return rows;
}
