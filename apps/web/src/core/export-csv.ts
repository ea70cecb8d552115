// Builds the attendance CSV a school opens in Excel: pure (marks in, text out), so the escaping
// that keeps a spreadsheet safe is tested without a browser. Plain words: names not ids, a
// wall-clock time Excel reads as a time, statuses and methods as the register says them.
import Papa from 'papaparse';
import { offsetMinutes, type Mark } from '@rollcall/contracts';
import { howMarked, STATUS_TEXT } from '../ui/status-text.ts';
import { offsetText, wallClock, type Separator } from './csv-format.ts';

/** Excel reads a file as UTF-8 only when it starts with a byte order mark. */
export const BOM = '\uFEFF';

export const CSV_HEADER = ['Marked at', 'Time zone', 'School day', 'Student ID', 'Student', 'Class', 'Status', 'How marked', 'Marked by', 'Reason'] as const;
/** For whoever checks the camera or a laptop: the match score, the sending device and the ids. */
export const CSV_TECHNICAL_HEADER = ['Similarity', 'Device', 'Session ID', 'Mark ID'] as const;

/**
 * A cell that starts with one of these is run as a formula by Excel and LibreOffice (CSV
 * injection): such text gets a leading apostrophe. Spreadsheets also skip leading spaces and read
 * the full-width (＝＋－＠, typed by Japanese and Chinese keyboards) and small (﹦﹢﹣﹫) forms as
 * the ASCII ones. Papaparse's own default pattern misses a formula that spans lines, hence no `.*$` here.
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

export interface CsvOptions {
  /** Class names by id; a class deleted since says so. */
  classNames?: ReadonlyMap<string, string>;
  technical?: boolean;
  separator?: Separator;
}

function row(m: Mark, opts: CsvOptions): (string | number | null)[] {
  const className = m.classId === null ? '' : (opts.classNames?.get(m.classId) ?? 'Deleted class');
  // The time as the marking laptop's clock showed it: the school day beside it is that laptop's day too.
  const offset = offsetMinutes(m.markedAt);
  const cells: (string | number | null)[] = [
    wallClock(m.markedAt, offset, 'seconds'),
    offsetText(offset),
    m.day,
    m.studentId,
    m.studentName ?? 'Deleted student',
    className,
    STATUS_TEXT[m.status],
    howMarked(m),
    m.markedBy ?? '',
    m.reason ?? '',
  ];
  if (opts.technical) cells.push(m.similarity, m.deviceId, m.sessionId ?? '', m.id);
  return cells;
}

/** A CSV file a spreadsheet opens safely: BOM, header, CRLF-terminated rows, formulas neutralised. */
export function toCsv(fields: readonly string[], data: readonly (string | number | null)[][], separator: Separator = ','): string {
  const body = Papa.unparse(
    { fields: [...fields], data: data.map((r) => [...r]) },
    { newline: '\r\n', delimiter: separator, escapeFormulae: FORMULA_START, skipEmptyLines: false },
  );
  // Papaparse ends a header-only file with a line break but not a file with rows.
  return `${BOM}${body}${body.endsWith('\r\n') ? '' : '\r\n'}`;
}

/** The whole file: BOM, header, one CRLF-terminated row per mark in the order given. */
export function marksToCsv(marks: readonly Mark[], opts: CsvOptions = {}): string {
  return toCsv(
    opts.technical ? [...CSV_HEADER, ...CSV_TECHNICAL_HEADER] : CSV_HEADER,
    marks.map((m) => row(m, opts)),
    opts.separator,
  );
}

/** The file name a download gets: attendance-<from>-<to>.csv (open ends say "all"). */
export function csvFileName(from: string | undefined, to: string | undefined): string {
  return `attendance-${from ?? 'all'}-${to ?? 'all'}.csv`;
}
