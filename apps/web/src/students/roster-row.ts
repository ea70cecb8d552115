// One student row of a roster file, however the file was laid out (a plain roster CSV or
// OneRoster's users.csv), checked against the same schema the API uses before anything is sent.
import { CreateStudentBody, type ConsentChange } from '@rollcall/contracts';
import type { RosterGuardian } from './roster-guardians.ts';
import { issueMessage } from '@rollcall/i18n';
import { t, translator } from '../core/i18n.ts';

export interface RosterRow {
  /** The file the row came from, where a roster spans several (OneRoster). */
  file?: string;
  line: number;
  studentId: string;
  name: string;
  email: string | null;
  /** Names of the classes the student belongs to. */
  classes: string[];
  /** Consent to record; null when the file has no consent column or the cell is empty. */
  consent: ConsentChange | null;
  /** Guardians named in the file (none when it names none). */
  guardians: RosterGuardian[];
}

export interface RosterProblem {
  file?: string;
  line: number;
  message: string;
  raw: Record<string, string>;
}

/** "users.csv line 4" or "Line 4": where a teacher opens the file to fix it. */
export const whereIs = (p: { file?: string; line: number }) =>
  p.file
    ? t({ id: 'students.roster.fileLine', defaultMessage: '{file} line {line}' }, { file: p.file, line: p.line })
    : t({ id: 'students.roster.line', defaultMessage: 'Line {line}' }, { line: p.line });

/** A field's name as the file's reader knows it; `idColumn` names the id column where the file calls it otherwise (OneRoster's sourcedId). */
function fieldLabel(field: string, idColumn?: string): string {
  if (field === 'studentId' && idColumn) return idColumn;
  return t({ id: 'students.roster.field', defaultMessage: '{field, select, studentId {Student ID} name {Name} email {Email} other {{field}}}' }, { field });
}

/**
 * The student as the API will take it, or a message naming the field that is wrong. The schema's
 * own words for a wrong value follow it (zod's).
 */
export function checkStudent(candidate: { studentId: string; name: string; email: string | null }, idColumn?: string): CreateStudentBody | string {
  const check = CreateStudentBody.safeParse(candidate);
  if (check.success) return check.data;
  const issue = check.error.issues[0]!;
  const field = String(issue.path[0] ?? 'row');
  const given = !!candidate[field as keyof typeof candidate];
  return t(
    { id: 'students.roster.fieldProblem', defaultMessage: '{field}: {given, select, yes {{problem}} other {missing}}' },
    { field: fieldLabel(field, idColumn), given: given ? 'yes' : 'no', problem: issueMessage(translator(), issue) },
  );
}

/** A display name from first and last names, when a file splits them. */
export const fullName = (first: string, last: string) => [first.trim(), last.trim()].filter(Boolean).join(' ');
