import { describe, expect, it } from 'vitest';
import { matchStudents } from './roster-search.ts';

const SCHOOL = [
  { studentId: 'S001', name: 'Zoë Ørsted' },
  { studentId: 'S002', name: 'José Muñoz' },
  { studentId: 'S003', name: 'Amaya Lozano' },
  { studentId: 'Z900', name: 'Ben Adams' },
];

describe('matchStudents', () => {
  it('finds by part of a name without case or accents', () => {
    expect(matchStudents(SCHOOL, 'zoe').map((s) => s.studentId)).toEqual(['S001']);
    expect(matchStudents(SCHOOL, 'MUNOZ').map((s) => s.studentId)).toEqual(['S002']);
    expect(matchStudents(SCHOOL, 'orsted').map((s) => s.studentId)).toEqual(['S001']);
  });

  it('finds by student ID and needs every word typed', () => {
    expect(matchStudents(SCHOOL, 's00').map((s) => s.studentId)).toEqual(['S003', 'S002', 'S001']);
    expect(matchStudents(SCHOOL, 'jose mu').map((s) => s.studentId)).toEqual(['S002']);
    expect(matchStudents(SCHOOL, 'jose adams')).toEqual([]);
  });

  it('puts names and IDs that start with the query first', () => {
    // "z" is in Lozano and Muñoz, but Zoë's name and Z900's ID start with it.
    expect(matchStudents(SCHOOL, 'z').map((s) => s.studentId)).toEqual(['Z900', 'S001', 'S003', 'S002']);
  });

  it('matches nothing for an empty query, and searches a whole school', () => {
    expect(matchStudents(SCHOOL, '   ')).toEqual([]);
    const many = Array.from({ length: 2000 }, (_, i) => ({ studentId: `P${i}`, name: `Pupil number ${i}` }));
    expect(matchStudents(many, 'number 1999').map((s) => s.studentId)).toEqual(['P1999']);
    expect(matchStudents(many, 'pupil')).toHaveLength(2000);
  });
});
