// The register view: pending outbox marks over the server's register, counted as the server would.
import { describe, expect, it } from 'vitest';
import type { NewMark, Register } from '@rollcall/contracts';
import { registerView } from './register-view.ts';

const SID = '11111111-1111-4111-8111-111111111111';
const row = (studentId: string, name: string, status: Register['rows'][number]['status'] = 'not-seen') => ({
  studentId,
  name,
  onRoster: true,
  status,
  markId: null,
  method: status === 'not-seen' ? null : ('face' as const),
  markedAt: null,
  markedBy: null,
  reason: null,
  similarity: null,
  deviceId: null,
});
const register: Register = {
  session: {
    id: SID,
    classId: '22222222-2222-4222-8222-222222222222',
    startsAt: '2026-11-29T09:00:00+01:00',
    endsAt: null,
    lateAfterMinutes: 10,
    active: true,
  },
  className: '7B',
  rows: [row('A', 'Ann Lee', 'present'), row('B', 'Ben Ortiz'), row('C', 'Cleo Park')],
  counts: { total: 3, here: 1, present: 1, late: 0, excused: 0, absent: 0, notSeen: 2 },
};
const mark = (studentId: string, over: Partial<NewMark> = {}): NewMark => ({
  id: crypto.randomUUID(),
  studentId,
  sessionId: SID,
  deviceId: 'd',
  markedAt: '2026-11-29T09:05:00+01:00',
  method: 'face',
  similarity: 0.9,
  ...over,
});

describe('registerView', () => {
  it('shows a pending face mark as present or late by the threshold, waiting to send', () => {
    const v = registerView(register, [mark('B'), mark('C', { markedAt: '2026-11-29T09:11:00+01:00' })]);
    expect(v.rows.map((r) => [r.studentId, r.status, r.waiting])).toEqual([
      ['A', 'present', false],
      ['B', 'present', true],
      ['C', 'late', true],
    ]);
    expect(v.counts).toMatchObject({ total: 3, here: 3, present: 2, late: 1, notSeen: 0 });
  });

  it('lets a manual status override a mark, ignores a face mark for a marked student and marks of other sessions', () => {
    const v = registerView(register, [
      mark('A'),
      mark('A', { method: 'manual', status: 'excused', reason: 'Dentist' }),
      mark('B', { sessionId: '33333333-3333-4333-8333-333333333333' }),
    ]);
    expect(v.rows.find((r) => r.studentId === 'A')).toMatchObject({ status: 'excused', reason: 'Dentist', waiting: true });
    expect(v.rows.find((r) => r.studentId === 'B')).toMatchObject({ status: 'not-seen', waiting: false });
    expect(v.counts).toMatchObject({ here: 0, excused: 1, notSeen: 2 });
  });

  it('takes a student back to not seen', () => {
    const v = registerView(register, [mark('A', { method: 'manual', status: 'not-seen' })]);
    expect(v.counts).toMatchObject({ here: 0, notSeen: 3 });
  });
});
