// Which period is on now and which comes next, per class, from the weekly periods, the term dates
// and a clock. Pure: the laptop's autopilot and its line on Take attendance read it, tests drive
// it with any instant. Periods are local wall-clock times, so each day is built from its own
// calendar date (never by adding 24 hours): a 09:00 period stays at 09:00 across a clock change.
import { deviceDay, type Period, type Term } from '@rollcall/contracts';

/** One period on one school day. */
export interface Occurrence {
  period: Period;
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
  start: Date;
  end: Date;
}

export interface ClassSchedule {
  /** The period on now (start <= now < end), if any. */
  current: Occurrence | null;
  /** The next period to start after now, within the coming week. */
  next: Occurrence | null;
}

/** ISO weekday of a local date: 1 Monday … 7 Sunday. */
const isoWeekday = (d: Date): number => d.getDay() || 7;

/** The instant of a wall-clock "HH:MM" on a local day. */
function at(date: Date, time: string): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
}

/** Whether periods run on this day: inside a term, or every day while the school has set no terms. */
export function inTerm(day: string, terms: readonly Term[]): boolean {
  return terms.length === 0 || terms.some((t) => t.firstDay <= day && day <= t.lastDay);
}

/** The periods that run on the local day of `date`, earliest first. */
export function occurrencesOn(date: Date, periods: readonly Period[], terms: readonly Term[]): Occurrence[] {
  const day = deviceDay(date);
  if (!inTerm(day, terms)) return [];
  const weekday = isoWeekday(date);
  return periods
    .filter((p) => p.weekday === weekday)
    .map((period) => ({ period, day, start: at(date, period.startsAt), end: at(date, period.endsAt) }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** How many days ahead `next` looks: a whole week, so Friday afternoon can name Monday's first period. */
const HORIZON_DAYS = 8;

/** The current and next period of each class that has periods. */
export function scheduleByClass(periods: readonly Period[], terms: readonly Term[], now: Date): Map<string, ClassSchedule> {
  const out = new Map<string, ClassSchedule>();
  for (const p of periods) out.set(p.classId, { current: null, next: null });
  const t = now.getTime();
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + i);
    for (const o of occurrencesOn(date, periods, terms)) {
      const s = out.get(o.period.classId)!;
      if (o.start.getTime() <= t && t < o.end.getTime()) s.current ??= o;
      else if (o.start.getTime() > t) s.next ??= o;
    }
  }
  return out;
}

/** A period's identity on its day: what a laptop starts at most once. */
export const occurrenceKey = (o: Occurrence): string => `${o.period.id}@${o.day}`;
