// The words the absences page says: how many are left, for which day, one and many.
import { t } from '../core/i18n.ts';
import { formatDay } from '../ui/format.ts';

const dayName = (day: string): string => formatDay(day, 'long');

/** "3 absences to explain today", "1 absence to explain on Monday 7 December", "Nothing left to explain today." */
export function absencesHeadline(count: number, day: string, today: string): string {
  if (day === today)
    return t(
      {
        id: 'absences.headline.today',
        defaultMessage: '{count, plural, =0 {Nothing left to explain today.} one {# absence to explain today} other {# absences to explain today}}',
      },
      { count },
    );
  return t(
    {
      id: 'absences.headline.day',
      defaultMessage: '{count, plural, =0 {Nothing left to explain on {day}.} one {# absence to explain on {day}} other {# absences to explain on {day}}}',
    },
    { count, day: dayName(day) },
  );
}

/** Why some of the day's absences are not listed yet. */
export const runningText = (n: number): string =>
  n === 0
    ? ''
    : t(
        {
          id: 'absences.running',
          defaultMessage:
            '{n, plural, one {# session is still running: its absences appear here when it ends.} other {# sessions are still running: their absences appear here when they end.}}',
        },
        { n },
      );
