import { describe, expect, it } from 'vitest';
import { matchStudents } from './roster-search.ts';

const SCHOOL = [
  { studentId: 'S001', name: 'Zoë Ørsted' },
  { studentId: 'S002', name: 'José Muñoz' },
  { studentId: 'S003', name: 'Amaya Lozano' },
  { studentId: 'Z900', name: 'Ben Adams' },
  { studentId: 'S004', name: 'Ada Raman-Whitfield' },
];
const ids = (q: string) => matchStudents(SCHOOL, q).map((s) => s.studentId);

describe('matchStudents', () => {
  it('finds by the start of a first or last name, without case or accents', () => {
    expect(ids('zoe')).toEqual(['S001']);
    expect(ids('MUNOZ')).toEqual(['S002']);
    expect(ids('orst')).toEqual(['S001']);
    expect(ids('whit')).toEqual(['S004']);
    // Not from the middle of a word: "oza" is inside Lozano.
    expect(ids('oza')).toEqual([]);
  });

  it('finds by student ID and needs every word typed', () => {
    expect(ids('s00')).toEqual(['S004', 'S003', 'S002', 'S001']);
    expect(ids('jose mu')).toEqual(['S002']);
    expect(ids('jose adams')).toEqual([]);
  });

  it('puts whole names and IDs that start with the query first', () => {
    // "ada" starts Ada's name and a word of Ben Adams's.
    expect(ids('ada')).toEqual(['S004', 'Z900']);
    expect(ids('z')).toEqual(['Z900', 'S001']);
  });

  it('matches nothing for an empty query, and searches a whole school', () => {
    expect(ids('   ')).toEqual([]);
    const many = Array.from({ length: 2000 }, (_, i) => ({ studentId: `P${i}`, name: `Pupil ${i}` }));
    expect(matchStudents(many, 'pupil 1999').map((s) => s.studentId)).toEqual(['P1999']);
    expect(matchStudents(many, 'pupil 49').map((s) => s.name)).toEqual(['Pupil 49', ...Array.from({ length: 10 }, (_, i) => `Pupil 49${i}`)]);
    expect(matchStudents(many, 'pupil')).toHaveLength(2000);
  });
});
