// The records filter: what reaches the API, the range check, and per-student totals.
import { describe, expect, it } from 'vitest';
import type { Mark } from '@rollcall/contracts';
import { defaultFilter, filterProblem, studentTotals, toQuery } from './records-filter.ts';

const mark = (studentId: string, status: Mark['status'], studentName: string | null = `N ${studentId}`): Mark => ({
  id: '00000000-0000-4000-8000-000000000001',
  studentId,
  studentName,
  sessionId: null,
  classId: null,
  deviceId: 'd',
  markedAt: '2026-11-24T08:00:00.000+01:00',
  receivedAt: '2026-11-24T07:00:00.000Z',
  day: '2026-11-24',
  similarity: null,
  method: 'manual',
  status,
});

describe('records filter', () => {
  it('defaults to the last seven local days', () => {
    const f = defaultFilter(new Date(2026, 10, 3, 0, 30));
    expect(f).toEqual({ from: '2026-10-28', to: '2026-11-03', classId: '', sessionId: '', studentId: '' });
  });

  it('sends only complete values', () => {
    expect(toQuery({ from: '2026-11-01', to: '', classId: 'c', sessionId: '', studentId: ' S001 ' })).toEqual({
      from: '2026-11-01',
      classId: 'c',
      studentId: 'S001',
    });
    expect(toQuery({ from: '2026-11', to: '2026-11-30', classId: '', sessionId: 's', studentId: '-x' })).toEqual({ to: '2026-11-30', sessionId: 's' });
  });

  it('says when the range is backwards', () => {
    expect(filterProblem({ ...defaultFilter(), from: '2026-11-10', to: '2026-11-01' })).toMatch(/after/);
    expect(filterProblem({ ...defaultFilter(), from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });

  it('counts each status per student, sorted by id', () => {
    const totals = studentTotals([mark('S2', 'present'), mark('S1', 'late'), mark('S2', 'absent'), mark('S2', 'present'), mark('S1', 'excused', null)]);
    expect(totals).toEqual([
      { studentId: 'S1', name: 'N S1', present: 0, late: 1, excused: 1, absent: 0, total: 2 },
      { studentId: 'S2', name: 'N S2', present: 2, late: 0, excused: 0, absent: 1, total: 3 },
    ]);
    expect(studentTotals([])).toEqual([]);
  });
});
