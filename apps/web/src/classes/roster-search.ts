// Finding students for a class roster by what a teacher types: the start of a first or last name
// or of the student ID, without caring about case or accents ("zoe" finds "Zoë Ørsted").
import { compareNames } from '../core/i18n.ts';

export interface Pickable {
  studentId: string;
  name: string;
}

/** Lower case, accents taken off, so "Zoë" and "zoe" compare equal. */
export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ø/gi, 'o').toLowerCase();

/** The words a student can be found by: each part of their name (hyphenated parts too) and their ID. */
const words = (s: Pickable) => [...fold(s.name).split(/[\s\-'.,]+/), fold(s.studentId)].filter(Boolean);

/**
 * Students with a word that starts with each word typed ("ada lo" finds Ada Lovelace; "49" finds
 * ID 49 and 490-499, not 149), those whose whole name or ID starts with the query first, then by name.
 */
export function matchStudents<T extends Pickable>(students: readonly T[], query: string): T[] {
  const typed = fold(query).split(/\s+/).filter(Boolean);
  if (typed.length === 0) return [];
  const q = typed.join(' ');
  const hits = students.filter((s) => {
    const own = words(s);
    return typed.every((t) => own.some((w) => w.startsWith(t)));
  });
  const starts = (s: T) => fold(s.name).startsWith(q) || fold(s.studentId).startsWith(q);
  return hits.sort((a, b) => Number(starts(b)) - Number(starts(a)) || compareNames(a.name, b.name));
}
