// The attendance CSV: header, BOM, quoting, plain words (names, statuses, how marked), wall-clock
// times with their offset apart, the separator, and formula injection neutralised, read back with
// a real CSV parser as Excel would see the cells.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Mark } from '@rollcall/contracts';
import { FLAGGED_FACE_REASON } from './marking.ts';
import { BOM, csvFileName, marksToCsv } from './export-csv.ts';

let n = 0;
function mark(over: Partial<Mark>): Mark {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    studentId: 'S001',
    studentName: 'Ada Lovelace',
    sessionId: '11111111-1111-4111-8111-111111111111',
    classId: '22222222-2222-4222-8222-222222222222',
    deviceId: 'laptop-1',
    markedAt: '2026-11-24T08:59:03.120+01:00',
    receivedAt: '2026-11-24T07:59:04.000Z',
    day: '2026-11-24',
    similarity: 0.9712,
    method: 'face',
    status: 'present',
    ...over,
  };
}

const classNames = new Map([['22222222-2222-4222-8222-222222222222', 'Math, period 2']]);

/** Cells as a spreadsheet reads them (BOM removed, CRLF rows). */
function cells(csv: string, delimiter = ','): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true, delimiter });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const HEADER = 'Marked at,Time zone,School day,Student ID,Student,Class,Status,How marked,Marked by,Reason';
/** Column positions, by header name. */
const col = (name: string) => HEADER.split(',').indexOf(name);

describe('marksToCsv', () => {
  it('starts with a UTF-8 BOM and the exact header, rows end in CRLF', () => {
    const csv = marksToCsv([mark({})], { classNames });
    expect(csv.slice(0, 1)).toBe('\uFEFF');
    expect(csv.slice(1).split('\r\n')[0]).toBe(HEADER);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('writes a mark in plain words: the wall-clock time and its offset apart, names not ids, capitalised status, how it was marked', () => {
    const rows = cells(
      marksToCsv(
        [mark({ markedAt: '2026-11-24T08:59:03.120+01:00', status: 'late', method: 'manual', similarity: null, markedBy: 'Ms Okafor', reason: 'Bus' })],
        { classNames },
      ),
    );
    expect(rows[1]).toEqual([
      '2026-11-24 08:59:03',
      'UTC+01:00',
      '2026-11-24',
      'S001',
      'Ada Lovelace',
      'Math, period 2',
      'Late',
      'By hand',
      'Ms Okafor',
      'Bus',
    ]);
    // No UUID, no "Z" time, no similarity number anywhere in the plain file.
    expect(rows[1]!.join('|')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|Z$|0\.97/);
  });

  it('says how a mark was made in words and keeps the match score for the technical columns', () => {
    const rows = cells(
      marksToCsv(
        [
          mark({ method: 'face', similarity: 0.9712 }),
          mark({ method: 'face', similarity: 0.95, reason: FLAGGED_FACE_REASON }),
          // A teacher's note on a camera mark (an excuse, a correction) is not a flag.
          mark({ method: 'face', similarity: 0.95, status: 'excused', reason: "Doctor's note" }),
          mark({ method: 'manual', similarity: 0.91 }),
          mark({ method: 'session-end', similarity: null, status: 'absent' }),
        ],
        { classNames, technical: true },
      ),
    );
    expect(rows.slice(1).map((r) => [r[col('Status')], r[col('How marked')]])).toEqual([
      ['Present', 'Camera (strong match)'],
      ['Present', 'Camera (flagged)'],
      ['Excused', 'Camera (strong match)'],
      ['Present', 'By hand (camera suggestion confirmed)'],
      ['Absent', 'Session ended'],
    ]);
    expect(rows[0]!.slice(-4)).toEqual(['Similarity', 'Device', 'Session ID', 'Mark ID']);
    expect(rows[1]!.slice(-4, -2)).toEqual(['0.9712', 'laptop-1']);
  });

  it('writes a device in another zone with its own offset, and a UTC time as UTC+00:00', () => {
    const rows = cells(marksToCsv([mark({ markedAt: '2026-11-24T21:05:00.000-05:30' }), mark({ markedAt: '2026-11-24T07:59:04.000Z' })]));
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['2026-11-24 21:05:00', 'UTC-05:30'],
      ['2026-11-24 07:59:04', 'UTC+00:00'],
    ]);
  });

  it('separates with semicolons when asked, keeping commas inside names', () => {
    const csv = marksToCsv([mark({ studentName: 'Smith, John' })], { classNames, separator: ';' });
    expect(csv.slice(1).split('\r\n')[0]).toBe(HEADER.replaceAll(',', ';'));
    expect(cells(csv, ';')[1]!.slice(4, 6)).toEqual(['Smith, John', 'Math, period 2']);
  });

  it('quotes commas, quotes and newlines so each name stays one cell', () => {
    const names = ['Smith, John', 'Dwayne "The Rock" Johnson', 'Line one\nline two', 'Carriage\r\nreturn'];
    const csv = marksToCsv(names.map((studentName) => mark({ studentName })));
    expect(csv).toContain('"Smith, John"');
    expect(csv).toContain('"Dwayne ""The Rock"" Johnson"');
    expect(
      cells(csv)
        .slice(1)
        .map((r) => r[col('Student')]),
    ).toEqual(names);
  });

  it('neutralises formulas with a leading apostrophe: =, +, -, @, tab and CR', () => {
    const names = ['=HYPERLINK("http://evil.example","click")', '-1', '+1', '@SUM(A1:A2)', '\tTabbed', '\rReturn', '=1+1\n=2+2'];
    const rows = cells(marksToCsv(names.map((studentName) => mark({ studentName }))));
    expect(rows.slice(1).map((r) => r[col('Student')])).toEqual(names.map((s) => `'${s}`));
    // A device id is text the client chose: it is neutralised too.
    expect(cells(marksToCsv([mark({ deviceId: '=cmd|calc' })], { technical: true }))[1]![11]).toBe("'=cmd|calc");
  });

  it('neutralises full-width formula signs and formulas after leading spaces', () => {
    const names = ['\uFF1DHYPERLINK("http://evil.example")', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)', ' =1+1', '   @SUM(A1)', '\u3000=1+1', ' \uFF1D1'];
    const rows = cells(marksToCsv(names.map((studentName) => mark({ studentName }))));
    expect(rows.slice(1).map((r) => r[col('Student')])).toEqual(names.map((s) => `'${s}`));
  });

  it('neutralises the small-form formula signs, alone and after spaces', () => {
    const names = ['\uFE66HYPERLINK("http://evil.example")', '\uFE621', '\uFE631', '\uFE6BSUM(A1)', ' \uFE66 1', '\u3000\uFE62cmd'];
    const rows = cells(marksToCsv(names.map((studentName) => mark({ studentName }))));
    expect(rows.slice(1).map((r) => r[col('Student')])).toEqual(names.map((s) => `'${s}`));
  });

  it('leaves a negative similarity a number in the technical columns, and harmless text alone', () => {
    const rows = cells(marksToCsv([mark({ similarity: -0.25, studentName: 'a-b = c' }), mark({ similarity: 0.5 })], { technical: true }));
    expect(rows[1]![10]).toBe('-0.25');
    expect(rows[1]![col('Student')]).toBe('a-b = c');
    expect(rows[2]![10]).toBe('0.5');
  });

  it('keeps unicode names intact', () => {
    const names = ['Zoë Ørsted', 'Łukasz Żółć', '山田 太郎', 'محمد', 'Ana 👩‍🎓'];
    expect(
      cells(marksToCsv(names.map((studentName) => mark({ studentName }))))
        .slice(1)
        .map((r) => r[col('Student')]),
    ).toEqual(names);
  });

  it('writes the rows in the order given; a deleted student or class says so, a day mark has no class', () => {
    const rows = cells(
      marksToCsv(
        [
          mark({ studentId: 'S002', studentName: null, classId: null, sessionId: null }),
          mark({ studentId: 'S001', classId: '33333333-3333-4333-8333-333333333333' }),
        ],
        { classNames },
      ),
    );
    expect(rows.length).toBe(3);
    expect([rows[1]![col('Student ID')], rows[1]![col('Student')], rows[1]![col('Class')]]).toEqual(['S002', 'Deleted student', '']);
    expect(rows[2]![col('Class')]).toBe('Deleted class');
  });

  it('writes just the header for no marks', () => {
    expect(marksToCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });
});

describe('csvFileName', () => {
  it('names the range', () => {
    expect(csvFileName('2026-11-01', '2026-11-24')).toBe('attendance-2026-11-01-2026-11-24.csv');
    expect(csvFileName(undefined, '2026-11-24')).toBe('attendance-all-2026-11-24.csv');
  });
});
