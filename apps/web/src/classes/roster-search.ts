// Finding students for a class roster by what a teacher types: part of a first or last name or
// of the student ID, without caring about case or accents ("zoe" finds "Zoë Ørsted").

export interface Pickable {
  studentId: string;
  name: string;
}

/** Lower case, accents taken off, so "Zoë" and "zoe" compare equal. */
export const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ø/gi, 'o').toLowerCase();

/** Students whose name or ID holds every word typed, best first: a name or ID that starts with the query, then by name. */
export function matchStudents<T extends Pickable>(students: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const q = words.join(' ');
  const hits = students.filter((s) => {
    const hay = `${fold(s.name)} ${fold(s.studentId)}`;
    return words.every((w) => hay.includes(w));
  });
  const starts = (s: T) =>
    fold(s.name).startsWith(q) ||
    fold(s.studentId).startsWith(q) ||
    fold(s.name)
      .split(/\s+/)
      .some((p) => p.startsWith(q));
  return hits.sort((a, b) => Number(starts(b)) - Number(starts(a)) || a.name.localeCompare(b.name));
}
