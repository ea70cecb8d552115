// The one line a classroom laptop shows about the timetable: "Period 2 · Year 8 Maths · starts in
// 3 min", "… · until 10:40", or the next period on another day. Plain words for 8:55 at the door.
import { type ClassSchedule, type Occurrence } from '../../core/schedule.ts';
import { t, translator } from '../../core/i18n.ts';

// The bell times of a timetable: on the 24-hour clock in every language, as the timetable is written.
const clock = (d: Date) => translator().intl.formatTime(d, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** When the period is, relative to now: which wording, and what fills it. */
function when(o: Occurrence, now: Date, current: boolean) {
  if (current) return { when: 'until', time: clock(o.end) };
  const sameDay = o.start.toDateString() === now.toDateString();
  if (!sameDay) return { when: 'otherDay', time: clock(o.start), weekday: translator().intl.formatDate(o.start, { weekday: 'long' }) };
  const minutes = Math.ceil((o.start.getTime() - now.getTime()) / 60_000);
  return minutes < 60 ? { when: 'startsIn', minutes } : { when: 'startsAt', time: clock(o.start) };
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
  const className = classNames.get(shown.period.classId) ?? t({ id: 'attendance.period.unknownClass', defaultMessage: 'a class not on this laptop' });
  return t(
    {
      id: 'attendance.period.line',
      defaultMessage:
        '{label} · {className} · {when, select, until {until {time}} startsIn {starts in {minutes, plural, other {# min}}} startsAt {starts at {time}} other {{weekday} {time}}}',
    },
    { label: shown.period.label, className, ...when(shown, now, !!current) },
  );
}
