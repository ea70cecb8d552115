// Writes a checked roster preview: creates students that are new, creates classes named in the
// file (or files), and adds each student to their classes. Reports what happened per row; a student that
// already exists is left as it is (reported), never duplicated. Consent from the file is recorded
// last, in batches; an unchanged status records nothing, so importing the file again is harmless.
// Guardians named in the file are merged into those on file (see merge-guardians.ts).
import { call, ApiClientError } from '../api/client.ts';
import { mergeGuardians } from './merge-guardians.ts';
import { t } from '../core/i18n.ts';
import { errorText } from '../ui/messages.ts';
import type { RosterRow } from './roster-row.ts';

export interface RowOutcome {
  file?: string;
  line: number;
  studentId: string;
  outcome: 'created' | 'exists' | 'failed';
  /** What to tell the admin about the row, in the language spoken during the import. */
  message?: string;
  /** What happened to the row's consent, when it had one. */
  consent?: 'recorded' | 'unchanged';
  /** What happened to the row's guardians, when it named any. */
  guardians?: 'saved' | 'unchanged' | 'failed';
}

export async function importRoster(rows: RosterRow[], onProgress: (done: number) => void): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  const classes = new Map((await call('listClasses')).items.map((c) => [c.name, c.id]));
  const members = new Map<string, string[]>();
  for (const [i, row] of rows.entries()) {
    try {
      await call('createStudent', { body: { studentId: row.studentId, name: row.name, email: row.email } });
      outcomes.push({ file: row.file, line: row.line, studentId: row.studentId, outcome: 'created' });
    } catch (err) {
      if (err instanceof ApiClientError && err.code === 'duplicate-student-id')
        outcomes.push({
          file: row.file,
          line: row.line,
          studentId: row.studentId,
          outcome: 'exists',
          message: t({ id: 'students.roster.exists', defaultMessage: 'already on file; left unchanged' }),
        });
      else {
        outcomes.push({
          file: row.file,
          line: row.line,
          studentId: row.studentId,
          outcome: 'failed',
          message: errorText(err),
        });
        onProgress(i + 1);
        continue;
      }
    }
    for (const name of row.classes) members.set(name, [...(members.get(name) ?? []), row.studentId]);
    onProgress(i + 1);
  }
  for (const [name, studentIds] of members) {
    const id = classes.get(name);
    // A new class gets its whole roster in one call; an existing one keeps its members and gains these.
    if (!id) await call('createClass', { body: { name, studentIds } });
    else for (const studentId of studentIds) await call('addToRoster', { params: { id, studentId } });
  }
  const failed = new Set(outcomes.filter((o) => o.outcome === 'failed').map((o) => o.line));
  const withConsent = rows.filter((r) => r.consent && !failed.has(r.line));
  for (let i = 0; i < withConsent.length; i += 500) {
    const chunk = withConsent.slice(i, i + 500);
    const res = await call('setConsentBulk', { body: { entries: chunk.map((r) => ({ studentId: r.studentId, ...r.consent! })) } });
    for (const [k, r] of res.results.entries()) {
      const o = outcomes.find((x) => x.line === chunk[k]!.line);
      if (o && r.outcome !== 'not-found') o.consent = r.outcome;
    }
  }
  for (const row of rows) {
    const o = outcomes.find((x) => x.line === row.line && x.file === row.file);
    if (!row.guardians.length || !o || o.outcome === 'failed') continue;
    try {
      const existing = o.outcome === 'created' ? [] : (await call('getGuardians', { params: { studentId: row.studentId } })).items;
      const merged = mergeGuardians(existing, row.guardians);
      if (merged) await call('setGuardians', { params: { studentId: row.studentId }, body: { guardians: merged } });
      o.guardians = merged ? 'saved' : 'unchanged';
    } catch (err) {
      o.guardians = 'failed';
      o.message = t({ id: 'students.roster.guardiansFailed', defaultMessage: 'guardians not saved: {error}' }, { error: errorText(err) });
    }
  }
  return outcomes;
}
