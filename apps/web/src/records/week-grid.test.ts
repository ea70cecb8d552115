// The week grid: a row per student and a column per session in time order, letters as a paper
// register, an ended session's "not seen" as absent, a running one's as "not seen yet", and a
// student absent from a session's class list left blank there.
import { describe, expect, it } from 'vitest';
import type { Register, RegisterRow } from '@rollcall/contracts';
import { weekGrid, weekOf } from './week-grid.ts';

const NOW = Date.parse('2026-12-09T10:00:00Z');
const row = (studentId: string, name: string, status: RegisterRow['status'], onRoster = true): RegisterRow => ({
  studentId,
  name,
  onRoster,
  status,
  markId: null,
  method: null,
  markedAt: null,
  markedBy: null,
  reason: null,
  similarity: null,
  deviceId: null,
});
const reg = (id: string, startsAt: string, endsAt: string | null, rows: RegisterRow[]): Register => ({
  session: { id, classId: 'c', startsAt, endsAt, lateAfterMinutes: 10, active: endsAt === null },
  className: 'Form 7B',
  rows,
  counts: { total: 0, here: 0, present: 0, late: 0, excused: 0, absent: 0, notSeen: 0 },
});

describe('weekGrid', () => {
  it('writes a letter per student and session, in time order', () => {
    const grid = weekGrid(
      [
        reg('wed', '2026-12-09T09:00:00Z', null, [row('B', 'Ben', 'present'), row('A', 'Ann', 'not-seen')]),
        reg('mon', '2026-12-07T09:00:00Z', '2026-12-07T10:00:00Z', [row('A', 'Ann', 'late'), row('B', 'Ben', 'not-seen'), row('X', 'Xena', 'excused', false)]),
        reg('tue', '2026-12-08T09:00:00Z', '2026-12-08T10:00:00Z', [row('A', 'Ann', 'absent'), row('B', 'Ben', 'excused')]),
      ],
      NOW,
    );
    expect(grid.sessions.map((s) => [s.id, s.running])).toEqual([
      ['mon', false],
      ['tue', false],
      ['wed', true],
    ]);
    expect(grid.students.map((s) => [s.name, s.cells])).toEqual([
      ['Ann', ['L', 'A', '–']],
      // Not seen when Monday's session ended: absent.
      ['Ben', ['A', 'E', 'P']],
      // Marked on Monday though no longer on the class list: shown there, blank elsewhere.
      ['Xena', ['E', '', '']],
    ]);
  });
});

describe('weekGrid order', () => {
  it("lists students in the language's alphabetical order", () => {
    const grid = weekGrid(
      [reg('mon', '2026-12-07T09:00:00Z', null, [row('Z', 'Zoë', 'present'), row('L', 'Łukasz', 'late'), row('D', 'Daryl', 'absent')])],
      NOW,
    );
    expect(grid.students.map((s) => s.name)).toEqual(['Daryl', 'Łukasz', 'Zoë']);
  });
});

describe('weekOf', () => {
  it('gives the Monday to Sunday around a day', () => {
    expect(weekOf('2026-12-09')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(weekOf('2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(weekOf('2026-12-13')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
  });
});
