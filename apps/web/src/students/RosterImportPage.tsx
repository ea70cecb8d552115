// Roster import: choose a roster CSV (or OneRoster's users, classes and enrollments files), see
// every row checked (errors per row) before anything is written, then import the good rows, or
// cancel and nothing is written.
import { useState } from 'react';
import { services } from '../core/services.ts';
import { navigate } from '../core/router.ts';
import { errorText } from '../ui/messages.ts';
import { decodeText } from './decode-text.ts';
import { importRoster, type RowOutcome } from './import-roster.ts';
import { readRosterFiles, type RosterFilesPreview } from './roster-files.ts';
import { OneRosterTeachers } from './OneRosterTeachers.tsx';
import { whereIs } from './roster-row.ts';
import { RosterPreviewTable } from './RosterPreviewTable.tsx';
import { Alert } from '../ui/Alert.tsx';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function RosterImportPage() {
  const [preview, setPreview] = useState<RosterFilesPreview | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<RowOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (files: File[]) => {
    setOutcomes(null);
    setError(null);
    setPreview(null);
    if (files.length === 0) return;
    const chosen = await Promise.all(
      files.map(async (f) => {
        const decoded = decodeText(await f.arrayBuffer());
        return { name: f.name, text: decoded.text, encoding: decoded.encoding };
      }),
    );
    const read = readRosterFiles(chosen);
    if ('error' in read) setError(read.error);
    else setPreview(read);
  };

  const run = async () => {
    if (!preview) return;
    setProgress(0);
    try {
      setOutcomes(await importRoster(preview.rows, setProgress));
      await services.sync.syncNow();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setProgress(null);
    }
  };

  const count = (o: RowOutcome['outcome']) => outcomes?.filter((x) => x.outcome === o).length ?? 0;
  return (
    <section aria-labelledby="roster-title">
      <h2 id="roster-title">Import a roster CSV</h2>
      <p className="hint">
        Columns: student id, name (or first name and last name), email (optional), class (optional), consent (optional: yes, no, withdrawn or empty), consent by
        (parent or student) and consent note (the paper form&apos;s reference); guardians (optional): guardian name, relationship, email, phone, language and
        may contact (yes or no), and &quot;Guardian 2 …&quot; columns for a second one. The first row names the columns.
      </p>
      <p className="hint">
        From a school information system: choose OneRoster&apos;s users.csv, classes.csv and enrollments.csv together. Students, their classes and their
        guardians (parents linked by agentSourcedIds) are imported; teachers are listed for you to add on the Teachers page.
      </p>
      <label>
        Roster CSV
        <input type="file" multiple accept=".csv,text/csv" onChange={(e) => void choose([...(e.target.files ?? [])])} />
      </label>
      {error && !outcomes && <Alert>{error}</Alert>}
      {preview && !outcomes && (
        <div className="card">
          <h3>Preview of {preview.format === 'OneRoster' ? 'the OneRoster files' : preview.files[0]!.name}</h3>
          <p className="hint">
            Read as {[...new Set(preview.files.map((f) => f.encoding))].join(' and ')} (detected). If names look wrong, save the file as “CSV UTF-8” and choose
            it again.
            {preview.unused.length > 0 && ` Not used: ${preview.unused.join(', ')}.`}
          </p>
          <p role="status">
            {preview.rows.length === 0 && preview.problems.length === 0
              ? 'No rows: the file has a header but no students.'
              : `${plural(preview.rows.length, 'row')} ready to import, ${preview.problems.length} with errors (not imported).`}
          </p>
          {preview.problems.length > 0 && (
            <ul className="problems" aria-label="Rows with errors">
              {preview.problems.map((p) => (
                <li key={`${p.file}:${p.line}`}>
                  {whereIs(p)}: {p.message}
                </li>
              ))}
            </ul>
          )}
          {preview.skipped.length > 0 && (
            <details>
              <summary>{plural(preview.skipped.length, 'row')} left out on purpose</summary>
              <ul aria-label="Rows left out">
                {preview.skipped.map((p) => (
                  <li key={`${p.file}:${p.line}`}>
                    {whereIs(p)}: {p.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <OneRosterTeachers teachers={preview.teachers} />
          {preview.emptyClasses.length > 0 && <p className="hint">Classes with no students, not created: {preview.emptyClasses.join(', ')}.</p>}
          <RosterPreviewTable rows={preview.rows} />
          {progress !== null && <progress max={preview.rows.length} value={progress} aria-label="Import progress" />}
          {error && <Alert>{error}</Alert>}
          <div className="row">
            <button type="button" className="primary" disabled={preview.rows.length === 0 || progress !== null} onClick={() => void run()}>
              Import {plural(preview.rows.length, 'student')}
            </button>
            <button type="button" onClick={() => navigate({ page: 'students' })} disabled={progress !== null}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {outcomes && (
        <div className="card" role="status">
          <h3>Imported</h3>
          <p>
            {count('created')} created, {count('exists')} already on file, {count('failed')} failed.
            {outcomes.some((o) => o.consent === 'recorded') && ` Consent recorded for ${outcomes.filter((o) => o.consent === 'recorded').length}.`}
            {outcomes.some((o) => o.guardians === 'saved') && ` Guardians saved for ${outcomes.filter((o) => o.guardians === 'saved').length}.`}
          </p>
          <ul>
            {outcomes
              .filter((o) => o.outcome !== 'created' || o.guardians === 'failed')
              .map((o) => (
                <li key={`${o.file}:${o.line}`}>
                  {whereIs(o)} ({o.studentId}): {o.message}
                </li>
              ))}
          </ul>
          <button type="button" onClick={() => navigate({ page: 'students' })}>
            Back to students
          </button>
        </div>
      )}
    </section>
  );
}
