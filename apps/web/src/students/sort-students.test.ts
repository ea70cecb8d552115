// Sorting the Students list: weakest enrolment first puts students with no or alike photos on top
// and camera-free students (marked by hand) last.
import { describe, expect, it } from 'vitest';
import type { RosterStudent } from '../data/local.ts';
import { sortStudents } from './sort-students.ts';

const student = (studentId: string, name: string, level: RosterStudent['strength']['level'], views: number, cameraFree = false) =>
  ({ studentId, name, cameraFree, faces: views, strength: { level, photos: views, views, advice: null } }) as unknown as RosterStudent;

describe('sortStudents', () => {
  const list = [
    student('S1', 'Zoe', 'good', 4),
    student('S2', 'Ann', 'none', 0, true),
    student('S3', 'Bob', 'weak', 1),
    student('S4', 'Cat', 'none', 0),
    student('S5', 'Dan', 'fair', 2),
  ];

  it('keeps the roster order by ID and sorts by name', () => {
    expect(sortStudents(list, 'id').map((s) => s.studentId)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(sortStudents(list, 'name').map((s) => s.name)).toEqual(['Ann', 'Bob', 'Cat', 'Dan', 'Zoe']);
  });

  it("sorts names by the language's alphabet, not by bytes", () => {
    const names = [student('S1', 'Zoë', 'good', 3), student('S2', 'Łukasz', 'good', 3), student('S3', 'Daryl', 'good', 3)];
    expect(sortStudents(names, 'name').map((s) => s.name)).toEqual(['Daryl', 'Łukasz', 'Zoë']);
  });

  it('puts the weakest enrolment first and camera-free students last', () => {
    expect(sortStudents(list, 'weakest').map((s) => s.name)).toEqual(['Cat', 'Bob', 'Dan', 'Zoe', 'Ann']);
  });
});
