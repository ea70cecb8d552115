// Roster CSV import, as pure functions: parse with papaparse, check every row against the shared
// schemas, and report per-row errors before anything is written. Header names are matched
// loosely ("Student ID", "student_id", "id"; "First name", "Surname") because schools export from
// many systems; a name split into first and last columns is joined. An optional consent column
// (yes/no/withdrawn...) records biometric consent from the paper forms; guardian columns ("Guardian
// email", "Parent 2 phone", ...) give each student's guardians.
import Papa from 'papaparse';
import type { ConsentChange } from '@rollcall/contracts';
import { checkGuardian, guardianColumns, guardianLabel, type RosterGuardian } from './roster-guardians.ts';
import { t } from '../core/i18n.ts';
import { checkStudent, fullName, type RosterProblem, type RosterRow } from './roster-row.ts';

export type { RosterProblem, RosterRow } from './roster-row.ts';

type Field = 'studentId' | 'name' | 'firstName' | 'lastName' | 'email' | 'className' | 'consent' | 'consentBy' | 'consentNote';

export interface RosterPreview {
  rows: RosterRow[];
  problems: RosterProblem[];
  /** Which CSV header was read for each field. */
  columns: Partial<Record<Field, string>>;
}

const ALIASES: Record<Field, string[]> = {
  studentId: ['studentid', 'id', 'student', 'studentnumber', 'studentno', 'pupilid'],
  name: ['name', 'studentname', 'fullname', 'displayname'],
  firstName: ['firstname', 'givenname', 'givennames', 'forename', 'forenames', 'first', 'legalfirstname', 'studentfirstname'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'legallastname', 'studentlastname', 'studentsurname'],
  email: ['email', 'emailaddress', 'mail'],
  className: ['class', 'classname', 'group', 'form', 'homeroom'],
  consent: ['consent', 'biometricconsent', 'faceconsent', 'photoconsent', 'consentstatus'],
  consentBy: ['consentby', 'consentgivenby', 'onbehalfof', 'givenby'],
  consentNote: ['consentnote', 'consentreference', 'consentref', 'consentform'],
};

const CONSENT_WORDS: Record<string, ConsentChange['status']> = {
  yes: 'granted',
  y: 'granted',
  granted: 'granted',
  given: 'granted',
  consented: 'granted',
  true: 'granted',
  no: 'refused',
  n: 'refused',
  refused: 'refused',
  declined: 'refused',
  false: 'refused',
  withdrawn: 'withdrawn',
  revoked: 'withdrawn',
  notasked: 'not-asked',
  unknown: 'not-asked',
  pending: 'not-asked',
};
const BY_WORDS: Record<string, 'parent' | 'student'> = {
  parent: 'parent',
  guardian: 'parent',
  carer: 'parent',
  mother: 'parent',
  father: 'parent',
  student: 'student',
  pupil: 'student',
  self: 'student',
};

/** A consent cell and its companions, or a message saying what the cell should hold. */
function readConsent(value: string, by: string, note: string): ConsentChange | string | null {
  if (!value) return null;
  const status = CONSENT_WORDS[norm(value)];
  if (!status) return t({ id: 'students.roster.badConsent', defaultMessage: 'Consent: "{value}" is not one of yes, no, withdrawn, not asked' }, { value });
  const who = by ? BY_WORDS[norm(by)] : 'parent';
  if (!who) return t({ id: 'students.roster.badConsentBy', defaultMessage: 'Consent by: "{value}" is not parent, guardian or student' }, { value: by });
  return { status, onBehalfOf: who, note: note.slice(0, 500) || null };
}

const norm = (h: string) => h.toLowerCase().replace(/[^a-z]/g, '');

export function parseRosterCsv(text: string): RosterPreview {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const headers = parsed.meta.fields ?? [];
  const columns: RosterPreview['columns'] = {};
  for (const [field, aliases] of Object.entries(ALIASES) as [Field, string[]][]) {
    const found = headers.find((h) => aliases.includes(norm(h)));
    if (found) columns[field] = found;
  }
  const problems: RosterProblem[] = [];
  if (!columns.studentId || !(columns.name || columns.firstName || columns.lastName)) {
    return {
      rows: [],
      columns,
      problems: [
        {
          line: 1,
          message: t({
            id: 'students.roster.badHeader',
            defaultMessage:
              'The header must name a student id column and a name column, or first and last name columns (e.g. "student id,first name,last name,class").',
          }),
          raw: {},
        },
      ],
    };
  }
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
    const consent = readConsent(cell(columns.consent), cell(columns.consentBy), cell(columns.consentNote));
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
