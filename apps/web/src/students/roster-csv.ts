// Roster CSV import, as pure functions: parse with papaparse, check every row against the shared
// schemas, and report per-row errors before anything is written. Header names are matched
// loosely ("Student ID", "student_id", "id"; "First name", "Surname"; "Schüler-ID", "Apellidos")
// because schools export from many systems, in English and in every catalogue's language
// (roster-language.ts); a name split into first and last columns is joined. An optional consent column
// (yes/no/withdrawn...) records biometric consent from the paper forms; guardian columns ("Guardian
// email", "Parent 2 phone", ...) give each student's guardians.
import Papa from 'papaparse';
import type { ConsentChange } from '@rollcall/contracts';
import { checkGuardian, guardianColumns, guardianLabel, type RosterGuardian } from './roster-guardians.ts';
import { t, translator } from '../core/i18n.ts';
import { norm, rosterWords, type RosterField, type RosterWords } from './roster-language.ts';
import { checkStudent, fullName, type RosterProblem, type RosterRow } from './roster-row.ts';

export type { RosterProblem, RosterRow } from './roster-row.ts';

export interface RosterPreview {
  rows: RosterRow[];
  problems: RosterProblem[];
  /** Which CSV header was read for each field. */
  columns: Partial<Record<RosterField, string>>;
}

/** A consent cell and its companions, or a message saying what the cell should hold. */
function readConsent(words: RosterWords, value: string, by: string, note: string): ConsentChange | string | null {
  if (!value) return null;
  const status = words.consent.get(norm(value));
  const first = (lists: Record<string, string[]>) =>
    translator().intl.formatList(
      Object.values(lists).map((l) => l[0] ?? ''),
      { type: 'disjunction' },
    );
  if (!status)
    return t({ id: 'students.roster.badConsent', defaultMessage: 'Consent: "{value}" is not one of {words}' }, { value, words: first(words.spoken.consent) });
  const who = by ? words.by.get(norm(by)) : 'parent';
  if (!who)
    return t(
      { id: 'students.roster.badConsentBy', defaultMessage: 'Consent by: "{value}" is not one of {words}' },
      { value: by, words: first(words.spoken.by) },
    );
  return { status, onBehalfOf: who, note: note.slice(0, 500) || null };
}

/**
 * The header read for each field: the one matching the field's most specific name ("Student ID"
 * before "Student"), each header read for one field only, so "Student ID,Student" reads the second
 * as the name.
 */
function matchColumns(headers: string[], words: RosterWords): RosterPreview['columns'] {
  const columns: RosterPreview['columns'] = {};
  const taken = new Set<string>();
  const normed = headers.map((h) => [h, norm(h)] as const);
  for (const [field, names] of Object.entries(words.fields) as [RosterField, string[]][]) {
    let best: { header: string; rank: number } | null = null;
    for (const [h, n] of normed) {
      const rank = names.indexOf(n);
      if (rank >= 0 && !taken.has(h) && (!best || rank < best.rank)) best = { header: h, rank };
    }
    if (best) {
      columns[field] = best.header;
      taken.add(best.header);
    }
  }
  return columns;
}

/** The header lacks the id or the name: what it should hold, in the app's language, and what it holds. */
function headerProblem(headers: string[], words: RosterWords, missing: 'id' | 'name'): RosterProblem {
  const list = (items: string[], type: 'conjunction' | 'disjunction') => translator().intl.formatList(items, { type });
  const found = { count: headers.length, columns: list(headers, 'conjunction') };
  const message =
    missing === 'id'
      ? t(
          {
            id: 'students.roster.noIdColumn',
            defaultMessage:
              'The header has no student id column: add a column headed {accepted}. {count, plural, =0 {The file has no header.} other {Columns found: {columns}.}}',
          },
          { accepted: list(words.spoken.fields.studentId, 'disjunction'), ...found },
        )
      : t(
          {
            id: 'students.roster.noNameColumn',
            defaultMessage:
              'The header has no name column, nor first and last name columns: add a column headed {accepted}, or two headed {first} and {last}. {count, plural, =0 {The file has no header.} other {Columns found: {columns}.}}',
          },
          {
            accepted: list(words.spoken.fields.name, 'disjunction'),
            first: words.spoken.fields.firstName[0] ?? '',
            last: words.spoken.fields.lastName[0] ?? '',
            ...found,
          },
        );
  return { line: 1, message, raw: {} };
}

export function parseRosterCsv(text: string): RosterPreview {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const headers = parsed.meta.fields ?? [];
  const words = rosterWords();
  const columns = matchColumns(headers, words);
  const problems: RosterProblem[] = [];
  if (!columns.studentId) return { rows: [], columns, problems: [headerProblem(headers, words, 'id')] };
  if (!(columns.name || columns.firstName || columns.lastName)) return { rows: [], columns, problems: [headerProblem(headers, words, 'name')] };
  const guardiansIn = guardianColumns(headers);
  // papaparse's own errors (a quote never closed, a row with too many fields) point at a row.
  const broken = new Map<number, string>();
  // An unterminated quote swallows the rest of the file into one row; papaparse may number it one past the last.
  for (const e of parsed.errors) if (e.row !== undefined && e.row !== null) broken.set(Math.min(e.row, parsed.data.length - 1), e.message);

  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((raw, i) => {
    const line = i + 2; // 1-based, after the header
    const fail = (message: string) => problems.push({ line, message, raw });
    if (broken.has(i)) return fail(t({ id: 'students.roster.malformed', defaultMessage: 'Malformed row: {problem}' }, { problem: broken.get(i) }));
    const cell = (c?: string) => (c ? (raw[c] ?? '').trim() : '');
    const name = cell(columns.name) || fullName(cell(columns.firstName), cell(columns.lastName));
    const candidate = { studentId: cell(columns.studentId), name, email: cell(columns.email) || null };
    const check = checkStudent(candidate);
    if (typeof check === 'string') return fail(check);
    const first = seen.get(candidate.studentId);
    if (first !== undefined)
      return fail(
        t(
          { id: 'students.roster.duplicate', defaultMessage: 'Student ID {studentId} already appears on line {line}' },
          { studentId: candidate.studentId, line: first },
        ),
      );
    seen.set(candidate.studentId, line);
    const consent = readConsent(words, cell(columns.consent), cell(columns.consentBy), cell(columns.consentNote));
    if (typeof consent === 'string') return fail(consent);
    const guardians: RosterGuardian[] = [];
    for (const [n, cols] of guardiansIn) {
      const cells = Object.fromEntries(Object.entries(cols).map(([f, c]) => [f, cell(c)]));
      // A guardian's columns all empty on this row: this student has fewer guardians.
      if (!Object.values(cells).some(Boolean)) continue;
      const g = checkGuardian({ name: '', ...cells }, guardianLabel(n));
      if (typeof g === 'string') return fail(g);
      guardians.push(g);
    }
    rows.push({
      line,
      studentId: candidate.studentId,
      name: check.name,
      email: check.email ?? null,
      classes: cell(columns.className) ? [cell(columns.className)] : [],
      consent,
      guardians,
    });
  });
  return { rows, problems, columns };
}
