// The attendance CSV: header, BOM, quoting, ISO times with their offset, and formula injection
// neutralised, read back with a real CSV parser as Excel would see the cells.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Mark } from '@rollcall/contracts';
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
function cells(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('marksToCsv', () => {
  it('starts with a UTF-8 BOM and the exact header, rows end in CRLF', () => {
    const csv = marksToCsv([mark({})], { classNames });
    expect(csv.slice(0, 1)).toBe('\uFEFF');
    expect(csv.slice(1).split('\r\n')[0]).toBe('time,day,student_id,student_name,status,method,similarity,class,session,device');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('writes every field of a mark, times as the API gave them (ISO 8601 with offset)', () => {
    const rows = cells(marksToCsv([mark({ markedAt: '2026-11-24T08:59:03.120+01:00', status: 'late', method: 'manual', similarity: null })], { classNames }));
    expect(rows[1]).toEqual([
      '2026-11-24T08:59:03.120+01:00',
      '2026-11-24',
      'S001',
      'Ada Lovelace',
      'late',
      'manual',
      '',
      'Math, period 2',
      '11111111-1111-4111-8111-111111111111',
      'laptop-1',
    ]);
    expect(rows[1]![0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/);
  });

  it('quotes commas, quotes and newlines so each name stays one cell', () => {
    const names = ['Smith, John', 'Dwayne "The Rock" Johnson', 'Line one\nline two', 'Carriage\r\nreturn'];
    const csv = marksToCsv(names.map((studentName) => mark({ studentName })));
    expect(csv).toContain('"Smith, John"');
    expect(csv).toContain('"Dwayne ""The Rock"" Johnson"');
    expect(
      cells(csv)
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(names);
  });

  it('neutralises formulas with a leading apostrophe: =, +, -, @, tab and CR', () => {
    const names = ['=HYPERLINK("http://evil.example","click")', '-1', '+1', '@SUM(A1:A2)', '\tTabbed', '\rReturn', '=1+1\n=2+2'];
    const rows = cells(marksToCsv(names.map((studentName) => mark({ studentName }))));
    expect(rows.slice(1).map((r) => r[3])).toEqual(names.map((s) => `'${s}`));
    // A device id is text the client chose: it is neutralised too.
    expect(cells(marksToCsv([mark({ deviceId: '=cmd|calc' })]))[1]![9]).toBe("'=cmd|calc");
  });

  it('neutralises full-width formula signs and formulas after leading spaces (security probe #11, finding 14)', () => {
    const names = ['\uFF1DHYPERLINK("http://evil.example")', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)', ' =1+1', '   @SUM(A1)', '\u3000=1+1', ' \uFF1D1'];
    const rows = cells(marksToCsv(names.map((studentName) => mark({ studentName }))));
    expect(rows.slice(1).map((r) => r[3])).toEqual(names.map((s) => `'${s}`));
  });

  it('leaves numbers as numbers, negative similarity included, and harmless text alone', () => {
    const rows = cells(marksToCsv([mark({ similarity: -0.25, studentName: 'a-b = c' }), mark({ similarity: 0.5 })]));
    expect(rows[1]![6]).toBe('-0.25');
    expect(rows[1]![3]).toBe('a-b = c');
    expect(rows[2]![6]).toBe('0.5');
  });

  it('keeps unicode names intact', () => {
    const names = ['Zoë Ørsted', 'Łukasz Żółć', '山田 太郎', 'محمد', 'Ana 👩‍🎓'];
    expect(
      cells(marksToCsv(names.map((studentName) => mark({ studentName }))))
        .slice(1)
        .map((r) => r[3]),
    ).toEqual(names);
  });

  it('writes the rows in the order given, a deleted student or class as empty or id', () => {
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
    expect(rows[1]!.slice(2, 4)).toEqual(['S002', '']);
    expect(rows[1]![7]).toBe('');
    expect(rows[1]![8]).toBe('');
    expect(rows[2]![7]).toBe('33333333-3333-4333-8333-333333333333');
  });

  it('writes just the header for no marks', () => {
    expect(marksToCsv([])).toBe('\uFEFFtime,day,student_id,student_name,status,method,similarity,class,session,device\r\n');
  });
});

describe('csvFileName', () => {
  it('names the range', () => {
    expect(csvFileName('2026-11-01', '2026-11-24')).toBe('attendance-2026-11-01-2026-11-24.csv');
    expect(csvFileName(undefined, '2026-11-24')).toBe('attendance-all-2026-11-24.csv');
  });
});
