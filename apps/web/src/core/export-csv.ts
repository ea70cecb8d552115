// Builds the attendance CSV a school opens in Excel: pure (marks in, text out), so the escaping
// that keeps a spreadsheet safe is tested without a browser. Plain words: names not ids, a
// wall-clock time Excel reads as a time, statuses and methods as the register says them. Headers and
// words are in the app's language; times, zones, ids and scores stay the same in every language,
// so a spreadsheet or a script reads them alike.
import Papa from 'papaparse';
import { offsetMinutes, type Mark } from '@rollcall/contracts';
import { howMarked, reasonText, STATUS_TEXT } from '../ui/status-text.ts';
import { offsetText, wallClock, type Separator } from './csv-format.ts';
import { t } from './i18n.ts';

/** Excel reads a file as UTF-8 only when it starts with a byte order mark. */
export const BOM = '\uFEFF';

/** The column names, in the app's language (read at call time: a constant would freeze English). */
export function csvHeader(technical = false): string[] {
  const plain = [
    t({ id: 'core.csv.markedAt', defaultMessage: 'Marked at' }),
    t({ id: 'core.csv.timeZone', defaultMessage: 'Time zone' }),
    t({ id: 'core.csv.schoolDay', defaultMessage: 'School day' }),
    t({ id: 'core.csv.studentId', defaultMessage: 'Student ID' }),
    t({ id: 'core.csv.student', defaultMessage: 'Student' }),
    t({ id: 'core.csv.class', defaultMessage: 'Class' }),
    t({ id: 'core.csv.status', defaultMessage: 'Status' }),
    t({ id: 'core.csv.howMarked', defaultMessage: 'How marked' }),
    t({ id: 'core.csv.markedBy', defaultMessage: 'Marked by' }),
    t({ id: 'core.csv.reason', defaultMessage: 'Reason' }),
  ];
  if (!technical) return plain;
  // For whoever checks the camera or a laptop: the match score, the sending device and the ids.
  return [
    ...plain,
    t({ id: 'core.csv.similarity', defaultMessage: 'Similarity' }),
    t({ id: 'core.csv.device', defaultMessage: 'Device' }),
    t({ id: 'core.csv.sessionId', defaultMessage: 'Session ID' }),
    t({ id: 'core.csv.markId', defaultMessage: 'Mark ID' }),
  ];
}

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
  const className = m.classId === null ? '' : (opts.classNames?.get(m.classId) ?? t({ id: 'core.csv.deletedClass', defaultMessage: 'Deleted class' }));
  // The time as the marking laptop's clock showed it: the school day beside it is that laptop's day too.
  const offset = offsetMinutes(m.markedAt);
  const cells: (string | number | null)[] = [
    wallClock(m.markedAt, offset, 'seconds'),
    offsetText(offset),
    m.day,
    m.studentId,
    m.studentName ?? t({ id: 'core.csv.deletedStudent', defaultMessage: 'Deleted student' }),
    className,
    STATUS_TEXT[m.status],
    howMarked(m),
    m.markedBy ?? '',
    reasonText(m),
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
    csvHeader(opts.technical),
    marks.map((m) => row(m, opts)),
    opts.separator,
  );
}

/** The file name a download gets: attendance-<from>-<to>.csv (open ends say "all"). */
export function csvFileName(from: string | undefined, to: string | undefined): string {
  return `attendance-${from ?? 'all'}-${to ?? 'all'}.csv`;
}
