// What the admin chose on the roster import page, read as one preview: a single roster CSV, or
// OneRoster's users.csv, classes.csv and enrollments.csv chosen together (told apart by their
// headers; other OneRoster files such as orgs.csv are named as not used).
import { oneRosterKind, parseOneRoster, type OneRosterFile, type OneRosterTeacher } from './oneroster.ts';
import { parseRosterCsv } from './roster-csv.ts';
import type { RosterProblem, RosterRow } from './roster-row.ts';
import { t, translator } from '../core/i18n.ts';

export interface ChosenFile {
  name: string;
  text: string;
  /** How the bytes were decoded, as the page says it. */
  encoding: string;
}

export interface RosterFilesPreview {
  format: 'roster CSV' | 'OneRoster';
  /** Each file read and its encoding. */
  files: { name: string; encoding: string }[];
  rows: RosterRow[];
  problems: RosterProblem[];
  skipped: RosterProblem[];
  teachers: OneRosterTeacher[];
  emptyClasses: string[];
  /** Files chosen alongside that nothing was read from. */
  unused: string[];
}

export function readRosterFiles(chosen: readonly ChosenFile[]): RosterFilesPreview | { error: string } {
  if (chosen.length === 0) return { error: t({ id: 'students.roster.noFile', defaultMessage: 'No file chosen.' }) };
  const kinds = chosen.map((f) => ({ file: f, kind: oneRosterKind(f.text) }));
  if (kinds.every((k) => k.kind === null)) {
    if (chosen.length > 1)
      return {
        error: t(
          {
            id: 'students.roster.tooMany',
            defaultMessage: "Choose one roster CSV, or OneRoster's users.csv, classes.csv and enrollments.csv together ({count} other files chosen).",
          },
          { count: chosen.length },
        ),
      };
    const file = chosen[0]!;
    const p = parseRosterCsv(file.text);
    return { format: 'roster CSV', files: [file], rows: p.rows, problems: p.problems, skipped: [], teachers: [], emptyClasses: [], unused: [] };
  }
  const found: Partial<Record<OneRosterFile, ChosenFile>> = {};
  for (const { file, kind } of kinds) {
    if (!kind) continue;
    if (found[kind])
      return {
        error: t(
          { id: 'students.roster.twice', defaultMessage: "Both {first} and {second} look like OneRoster's {kind}.csv: choose one of them." },
          { first: found[kind].name, second: file.name, kind },
        ),
      };
    found[kind] = file;
  }
  const missing = (['users', 'classes', 'enrollments'] as const).filter((k) => !found[k]);
  if (missing.length > 0)
    return {
      error: t(
        { id: 'students.roster.missingFiles', defaultMessage: 'OneRoster needs users.csv, classes.csv and enrollments.csv chosen together: {files} missing.' },
        {
          files: translator().intl.formatList(
            missing.map((k) => `${k}.csv`),
            { type: 'conjunction' },
          ),
        },
      ),
    };
  const { users, classes, enrollments } = found as Record<OneRosterFile, ChosenFile>;
  const p = parseOneRoster({ users, classes, enrollments });
  return { format: 'OneRoster', files: [users, classes, enrollments], ...p, unused: kinds.filter((k) => k.kind === null).map((k) => k.file.name) };
}
