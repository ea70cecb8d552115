// The register CSV read back with a real CSV parser: absent students present as rows, local times
// with the browser's offset (TZ is set by the test), formulas neutralised, technical columns optional.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Register } from '@rollcall/contracts';
import { registerFileName, registersToCsv } from './register-csv.ts';

const reg: Register = {
  session: {
    id: '11111111-1111-4111-8111-111111111111',
    classId: '22222222-2222-4222-8222-222222222222',
    startsAt: '2026-11-29T08:05:00.000Z',
    endsAt: '2026-11-29T09:00:00.000Z',
    lateAfterMinutes: 10,
    active: false,
  },
  className: 'Form 7B',
  rows: [
    {
      studentId: 'R1',
      name: 'Ann Lee',
      onRoster: true,
      status: 'present',
      markId: null,
      method: 'face',
      markedAt: '2026-11-29T08:06:30.120Z',
      markedBy: 'Room 12',
      reason: null,
      similarity: 0.93456,
      deviceId: 'browser-1',
    },
    {
      studentId: 'R2',
      name: '=cmd|x',
      onRoster: true,
      status: 'absent',
      markId: null,
      method: 'session-end',
      markedAt: '2026-11-29T09:00:00.000Z',
      markedBy: 'Tess Teacher',
      reason: null,
      similarity: null,
      deviceId: 'register',
    },
    {
      studentId: 'R3',
      name: 'José Muñoz',
      onRoster: true,
      status: 'excused',
      markId: null,
      method: 'manual',
      markedAt: '2026-11-29T08:00:00.000Z',
      markedBy: 'Tess Teacher',
      reason: 'Dentist, 9am',
      similarity: null,
      deviceId: 'x',
    },
  ],
  counts: { total: 3, here: 1, present: 1, late: 0, excused: 1, absent: 1, notSeen: 0 },
};

const cells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

describe('registersToCsv', () => {
  // Node follows a changed TZ at once: the browser's zone here is Paris (+01:00 in November).
  const zone = process.env.TZ;
  beforeAll(() => void (process.env.TZ = 'Europe/Paris'));
  afterAll(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

  it('writes one row per roster student with local times and offsets', () => {
    const csv = registersToCsv([reg]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(cells(csv)).toEqual([
      ['class', 'session_date', 'session_start', 'student_id', 'student_name', 'status', 'marked_at', 'method', 'marked_by', 'reason'],
      ['Form 7B', '2026-11-29', '2026-11-29T09:05:00+01:00', 'R1', 'Ann Lee', 'Present', '2026-11-29T09:06:30+01:00', 'Camera', 'Room 12', ''],
      ['Form 7B', '2026-11-29', '2026-11-29T09:05:00+01:00', 'R2', "'=cmd|x", 'Absent', '2026-11-29T10:00:00+01:00', 'Session ended', 'Tess Teacher', ''],
      [
        'Form 7B',
        '2026-11-29',
        '2026-11-29T09:05:00+01:00',
        'R3',
        'José Muñoz',
        'Excused',
        '2026-11-29T09:00:00+01:00',
        'By hand',
        'Tess Teacher',
        'Dentist, 9am',
      ],
    ]);
  });

  it('adds similarity and device only as technical columns', () => {
    const rows = cells(registersToCsv([reg], { technical: true }));
    expect(rows[0]!.slice(-2)).toEqual(['similarity', 'device']);
    expect(rows[1]!.slice(-2)).toEqual(['0.935', 'browser-1']);
    expect(registersToCsv([reg])).not.toContain('browser-1');
  });

  it('names the file after the class and days', () => {
    expect(registerFileName('Form 7B / Maths', '2026-11-29', '2026-11-29')).toBe('register-Form-7B-Maths-2026-11-29.csv');
    expect(registerFileName('7B', '2026-11-01', '2026-11-30')).toBe('register-7B-2026-11-01-2026-11-30.csv');
  });
});
