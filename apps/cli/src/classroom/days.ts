// Consecutive simulated school days with the same class: each day the students show photos not
// shown on other days (where they have enough), and with learning on, after each day every mark
// the device made teaches the gallery what `embeddingsToLearn` allows, as a device would: it does
// not know who really sat there, so a wrong mark would be learned too (counted as learnedWrong).
import type { FaceEngine } from '@rollcall/face';
import type { GalleryEntry } from '@rollcall/matcher';
import { DEFAULT_LEARN, embeddingsToLearn, type LearnParams } from '@rollcall/recognition';
import type { ClassPlan } from './plan.ts';
import { simulateDay, type DayOptions, type DayResult } from './simulate.ts';

export type DayRow = Omit<DayResult, 'marks'> & { day: number; learned: number; learnedWrong: number; galleryEmbeddings: number };

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
    const { marks, ...day } = await simulateDay(engine, folder, planForDay(plan, d, o.days), entries, { ...o, seed: o.seed * 1000 + d });
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
    rows.push({ day: d + 1, ...day, learned, learnedWrong, galleryEmbeddings: entries.length });
  }
  return rows;
}
