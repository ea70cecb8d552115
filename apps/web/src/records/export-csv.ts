// Builds the attendance CSV a school opens in Excel: pure (marks in, text out), so the escaping
// that keeps a spreadsheet safe is tested without a browser.
import Papa from 'papaparse';
import type { Mark } from '@rollcall/contracts';

/** Excel reads a file as UTF-8 only when it starts with a byte order mark. */
export const BOM = '\uFEFF';

export const CSV_HEADER = ['time', 'day', 'student_id', 'student_name', 'status', 'method', 'similarity', 'class', 'session', 'device'] as const;

/**
 * A cell that starts with one of these is run as a formula by Excel and LibreOffice (CSV
 * injection): such text gets a leading apostrophe. Spreadsheets also skip leading spaces and read
 * the full-width forms (＝＋－＠, typed by Japanese and Chinese keyboards) as the ASCII ones.
 * Papaparse's own default pattern misses a formula that spans lines, hence no `.*$` here.
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

export interface CsvLookups {
  /** Class names by id; a class deleted since shows its id. */
  classNames?: ReadonlyMap<string, string>;
}

function row(m: Mark, lookups: CsvLookups): (string | number | null)[] {
  const className = m.classId === null ? '' : (lookups.classNames?.get(m.classId) ?? m.classId);
  return [m.markedAt, m.day, m.studentId, m.studentName ?? '', m.status, m.method, m.similarity, className, m.sessionId ?? '', m.deviceId];
}

/** A CSV file a spreadsheet opens safely: BOM, header, CRLF-terminated rows, formulas neutralised. */
export function toCsv(fields: readonly string[], data: readonly (string | number | null)[][]): string {
  const body = Papa.unparse({ fields: [...fields], data: data.map((r) => [...r]) }, { newline: '\r\n', escapeFormulae: FORMULA_START, skipEmptyLines: false });
  // Papaparse ends a header-only file with a line break but not a file with rows.
  return `${BOM}${body}${body.endsWith('\r\n') ? '' : '\r\n'}`;
}

/** The whole file: BOM, header, one CRLF-terminated row per mark in the order given. */
export function marksToCsv(marks: readonly Mark[], lookups: CsvLookups = {}): string {
  return toCsv(
    CSV_HEADER,
    marks.map((m) => row(m, lookups)),
  );
}

/** The file name a download gets: attendance-<from>-<to>.csv (open ends say "all"). */
export function csvFileName(from: string | undefined, to: string | undefined): string {
  return `attendance-${from ?? 'all'}-${to ?? 'all'}.csv`;
}
