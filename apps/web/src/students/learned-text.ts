// Where a learned face came from, in the words a school admin reads on the student's page.
import type { LearnedFrom } from '@rollcall/contracts';
import { t } from '../core/i18n.ts';
import { formatDate } from '../ui/format.ts';

/** The day a face was seen, as the page writes it: "3 Dec 2026". */
export const learnedDay = (sightedAt: string): string => formatDate(sightedAt);

/** "Learned from a clear recognition on laptop Room 12, 3 Dec 2026"; never an id an admin cannot read. */
export function provenanceText(l: LearnedFrom, laptopNames: ReadonlyMap<string, string>, thisLaptop: string): string {
  const laptop = laptopNames.get(l.deviceId);
  const where = l.deviceId === thisLaptop ? 'here' : laptop ? 'named' : l.deviceId.startsWith('user:') ? 'browser' : 'gone';
  return t(
    {
      id: 'students.learned.provenance',
      defaultMessage:
        "Learned from {how, select, clear {a clear recognition} other {a recognition a teacher confirmed}} on {where, select, here {this laptop} named {laptop {laptop}} browser {a teacher's browser} other {a laptop no longer paired}}, {day}",
    },
    { how: l.how === 'clear-mark' ? 'clear' : 'confirmed', where, laptop, day: learnedDay(l.sightedAt) },
  );
}
