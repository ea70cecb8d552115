// Splits a set of class-days into the ranges (some classes over a span of days) that the statistics
// queries take, so a district's first call, or a never-ended session months back, never becomes one
// enormous query or one with more placeholders than SQLite allows. A range may cover class-days not
// in the set (a class's other days in the span): callers keep only the rows of the set.

export interface ClassDay {
  classId: string;
  day: string;
}

export interface ClassDayBatch {
  classIds: string[];
  from: string;
  to: string;
}

/** At most this many calendar days in one range. */
export const SPAN_DAYS = 14;
/** At most this many classes in one range. */
export const CLASSES_PER_BATCH = 400;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

export const classDayKey = (classId: string, day: string) => `${classId}|${day}`;

export function classDayBatches(classDays: readonly ClassDay[]): ClassDayBatch[] {
  const days = [...new Set(classDays.map((c) => c.day))].sort();
  const spans: { from: string; to: string }[] = [];
  for (const day of days) {
    const last = spans.at(-1);
    if (last && dayNumber(day) - dayNumber(last.from) < SPAN_DAYS) last.to = day;
    else spans.push({ from: day, to: day });
  }
  const out: ClassDayBatch[] = [];
  for (const span of spans) {
    const classIds = [...new Set(classDays.filter((c) => c.day >= span.from && c.day <= span.to).map((c) => c.classId))].sort();
    for (let i = 0; i < classIds.length; i += CLASSES_PER_BATCH) out.push({ classIds: classIds.slice(i, i + CLASSES_PER_BATCH), ...span });
  }
  return out;
}
