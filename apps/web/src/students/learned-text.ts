// Where a learned face came from, in the words a school admin reads on the student's page.
import type { LearnedFrom } from '@rollcall/contracts';

/** "Learned from a clear recognition on laptop Room 12, 3 Dec 2026"; never an id an admin cannot read. */
export function provenanceText(l: LearnedFrom, laptopNames: ReadonlyMap<string, string>, thisLaptop: string): string {
  const how = l.how === 'clear-mark' ? 'a clear recognition' : 'a recognition a teacher confirmed';
  const laptop = laptopNames.get(l.deviceId);
  const where =
    l.deviceId === thisLaptop
      ? 'this laptop'
      : laptop
        ? `laptop ${laptop}`
        : l.deviceId.startsWith('user:')
          ? "a teacher's browser"
          : 'a laptop no longer paired';
  const when = new Date(l.sightedAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  return `Learned from ${how} on ${where}, ${when}`;
}
