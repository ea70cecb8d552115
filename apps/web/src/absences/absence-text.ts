// The words the absences page says: how many are left, for which day, in plain English.
const dayName = (day: string): string => new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/** "3 absences to explain today", "1 absence to explain on Monday 7 December", "Nothing left to explain today." */
export function absencesHeadline(count: number, day: string, today: string): string {
  const when = day === today ? 'today' : `on ${dayName(day)}`;
  if (count === 0) return `Nothing left to explain ${when}.`;
  return `${count} ${count === 1 ? 'absence' : 'absences'} to explain ${when}`;
}

/** Why some of the day's absences are not listed yet. */
export const runningText = (n: number): string =>
  n === 0
    ? ''
    : `${n} ${n === 1 ? 'session is' : 'sessions are'} still running: ${n === 1 ? 'its' : 'their'} absences appear here when ${n === 1 ? 'it ends' : 'they end'}.`;
