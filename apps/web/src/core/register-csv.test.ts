// The register CSV read back with a real CSV parser: absent students present as rows, wall-clock
// times Excel reads as times in the browser's zone with the zone in its own column (TZ is set by
// the test), the locale's separator, formulas neutralised, technical columns optional.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DFE_CODES, PLAIN_CODES, type Register } from '@rollcall/contracts';
import { codeTotals } from './code-totals.ts';
import { defaultSeparator } from './csv-format.ts';
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

const cells = (csv: string, delimiter = ',') => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true, delimiter }).data;

describe('registersToCsv', () => {
  // Node follows a changed TZ at once: the browser's zone here is Paris (+01:00 in November).
  const zone = process.env.TZ;
  beforeAll(() => void (process.env.TZ = 'Europe/Paris'));
  afterAll(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

  it('writes one row per roster student with wall-clock times and the zone apart', () => {
    const csv = registersToCsv([reg]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const head = ['Form 7B', '2026-11-29', '09:05', 'UTC+01:00'];
    expect(cells(csv)).toEqual([
      ['Class', 'Date', 'Start', 'Time zone', 'Student ID', 'Student', 'Status', 'Marked at', 'How marked', 'Marked by', 'Reason'],
      [...head, 'R1', 'Ann Lee', 'Present', '2026-11-29 09:06:30', 'Camera (strong match)', 'Room 12', ''],
      [...head, 'R2', "'=cmd|x", 'Absent', '2026-11-29 10:00:00', 'Session ended', 'Tess Teacher', ''],
      [...head, 'R3', 'José Muñoz', 'Excused', '2026-11-29 09:00:00', 'By hand', 'Tess Teacher', 'Dentist, 9am'],
    ]);
  });

  it('writes times a spreadsheet reads as dates and times', () => {
    const rows = cells(registersToCsv([reg])).slice(1);
    rows.forEach((r, i) => {
      expect(r[1]).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(r[2]).toMatch(/^\d\d:\d\d$/);
      expect(r[7]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      // The wall-clock time and the zone give back the instant the API sent, to the second.
      const instant = Date.parse(`${r[7]!.replace(' ', 'T')}${r[3]!.slice(3)}`);
      expect(instant).toBe(Math.floor(Date.parse(reg.rows[i]!.markedAt!) / 1000) * 1000);
    });
  });

  it('separates with semicolons for a comma-decimal locale, and keeps a comma reason in one cell', () => {
    expect(defaultSeparator('de-DE')).toBe(';');
    expect(defaultSeparator('fr-FR')).toBe(';');
    expect(defaultSeparator('en-GB')).toBe(',');
    expect(defaultSeparator('en-US')).toBe(',');
    const csv = registersToCsv([reg], { separator: ';' });
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Class;Date;Start;Time zone;Student ID;Student;Status;Marked at;How marked;Marked by;Reason');
    const rows = cells(csv, ';');
    expect(rows[3]![10]).toBe('Dentist, 9am');
    expect(rows.every((r) => r.length === 11)).toBe(true);
  });

  it('writes a student not seen by the end of a session as absent, as the statistics count them, and as not seen while it runs', () => {
    const notSeen = { ...reg.rows[0]!, studentId: 'R4', name: 'Dev Shah', status: 'not-seen' as const, method: null, markedAt: null, markedBy: null };
    const withR4 = { ...reg, rows: [...reg.rows, notSeen] };
    const row = (now: number) =>
      cells(registersToCsv([withR4], { now }))
        .find((r) => r[4] === 'R4')!
        .slice(6, 9);
    expect(row(Date.parse('2026-11-29T09:30:00Z'))).toEqual(['Absent', '', 'Not seen before the end']);
    expect(row(Date.parse('2026-11-29T08:30:00Z'))).toEqual(['Not seen', '', '']);
  });

  it('adds similarity and device only as technical columns', () => {
    const rows = cells(registersToCsv([reg], { technical: true }));
    expect(rows[0]!.slice(-2)).toEqual(['Similarity', 'Device']);
    expect(rows[1]!.slice(-2)).toEqual(['0.935', 'browser-1']);
    expect(registersToCsv([reg])).not.toContain('browser-1');
    expect(registersToCsv([reg])).not.toContain('0.93');
  });

  it('names the file after the class and days', () => {
    expect(registerFileName('Form 7B / Maths', '2026-11-29', '2026-11-29')).toBe('register-Form-7B-Maths-2026-11-29.csv');
    expect(registerFileName('7B', '2026-11-01', '2026-11-30')).toBe('register-7B-2026-11-01-2026-11-30.csv');
  });
});

describe('registersToCsv with attendance codes', () => {
  const zone = process.env.TZ;
  beforeAll(() => void (process.env.TZ = 'Europe/Paris'));
  afterAll(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

  const withIllness: Register = {
    ...reg,
    rows: [
      ...reg.rows,
      { ...reg.rows[2]!, studentId: 'R4', name: 'Ida Ill', reason: 'illness ' },
      { ...reg.rows[1]!, studentId: 'R5', name: 'Noa Late', status: 'late', reason: null },
    ],
  };

  it('adds each row’s code and meaning after the status, from the school’s set', () => {
    const rows = cells(registersToCsv([withIllness], { codes: DFE_CODES }));
    expect(rows[0]!.slice(6, 9)).toEqual(['Status', 'Code', 'Code meaning']);
    expect(rows.slice(1).map((r) => [r[4], r[6], r[7]])).toEqual([
      ['R1', 'Present', '/'],
      ['R2', 'Absent', 'N'],
      ['R3', 'Excused', 'C'],
      ['R4', 'Excused', 'I'],
      ['R5', 'Late', 'L'],
    ]);
    expect(rows[4]![8]).toBe('Authorised absence: illness (not medical or dental appointments)');
    // The reason column still says what the office wrote.
    expect(rows[4]![rows[0]!.indexOf('Reason')]).toBe('illness ');
  });

  it('writes the plain letters by default and no code for a student not seen in a running session', () => {
    const running: Register = {
      ...reg,
      session: { ...reg.session, endsAt: null, active: true },
      rows: [{ ...reg.rows[1]!, status: 'not-seen', method: null }],
    };
    const plain = cells(registersToCsv([withIllness, running], { codes: PLAIN_CODES, separator: ';' }), ';');
    expect(plain.slice(1).map((r) => r[7])).toEqual(['P', 'A', 'E', 'E', 'L', '']);
    expect(plain[6]![6]).toBe('Not seen');
  });

  it('counts each code over final registers only', () => {
    const running: Register = { ...reg, session: { ...reg.session, endsAt: null, active: true } };
    const totals = codeTotals([withIllness, running], DFE_CODES, Date.parse('2026-11-30T00:00:00Z'));
    expect(totals.filter((t) => t.count > 0).map((t) => `${t.code.code}=${t.count}`)).toEqual(['/=1', 'L=1', 'C=1', 'I=1', 'N=1']);
    expect(totals).toHaveLength(DFE_CODES.codes.length);
  });
});
