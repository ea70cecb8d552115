// The order of the Students list: by ID (the roster's order), by name, or weakest face enrolment
// first, so an admin sees at once who to photograph again. Names in the reader's alphabetical order.
import type { EnrolmentStrength } from '@rollcall/recognition';
import type { RosterStudent } from '../data/local.ts';
import { compareNames } from '../core/i18n.ts';

export type SortKey = 'id' | 'name' | 'weakest';
const LEVEL_ORDER: Record<EnrolmentStrength['level'], number> = { none: 0, weak: 1, fair: 2, good: 3 };

/** Camera-free students are marked by hand: their enrolment never needs attention. */
export function sortStudents(list: RosterStudent[], key: SortKey): RosterStudent[] {
  if (key === 'id') return list;
  if (key === 'name') return [...list].sort((a, b) => compareNames(a.name, b.name));
  const rank = (s: RosterStudent) => (s.cameraFree ? 99 : LEVEL_ORDER[s.strength.level] * 10 + Math.min(s.strength.views, 9));
  return [...list].sort((a, b) => rank(a) - rank(b) || compareNames(a.name, b.name));
}
