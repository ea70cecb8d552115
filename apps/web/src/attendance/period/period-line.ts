// The one line a classroom laptop shows about the timetable: "Period 2 · Year 8 Maths · starts in
// 3 min", "… · until 10:40", or the next period on another day. Plain words for 8:55 at the door.
import { type ClassSchedule, type Occurrence } from '../../core/schedule.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function when(o: Occurrence, now: Date, current: boolean): string {
  if (current) return `until ${clock(o.end)}`;
  const sameDay = o.start.toDateString() === now.toDateString();
  if (!sameDay) return `${WEEKDAYS[o.start.getDay()]} ${clock(o.start)}`;
  const minutes = Math.ceil((o.start.getTime() - now.getTime()) / 60_000);
  return minutes < 60 ? `starts in ${minutes} min` : `starts at ${clock(o.start)}`;
}

/**
 * The period to speak of: the chosen class's current one, else any class's current one, else the
 * soonest next one; null when the timetable has nothing in the coming week.
 */
export function periodLine(
  schedules: ReadonlyMap<string, ClassSchedule>,
  classNames: ReadonlyMap<string, string>,
  now: Date,
  chosen: string | null,
): string | null {
  const all = [...schedules.values()];
  const byStart = (a: Occurrence, b: Occurrence) => a.start.getTime() - b.start.getTime();
  const current = (chosen ? schedules.get(chosen)?.current : null) ?? all.flatMap((s) => (s.current ? [s.current] : [])).sort(byStart)[0];
  const shown = current ?? all.flatMap((s) => (s.next ? [s.next] : [])).sort(byStart)[0];
  if (!shown) return null;
  const name = classNames.get(shown.period.classId) ?? 'a class not on this laptop';
  return `${shown.period.label} · ${name} · ${when(shown, now, !!current)}`;
}
