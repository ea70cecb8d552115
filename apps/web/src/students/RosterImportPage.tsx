// Roster CSV import: choose a file, see every row checked (errors per row) before anything is
// written, then import the good rows, or cancel and nothing is written.
import { useState } from 'react';
import { services } from '../app/services.ts';
import { navigate } from '../app/router.ts';
import { CONSENT_TEXT } from '../consent/camera-free.ts';
import { errorText } from '../ui/messages.ts';
import { decodeText } from './decode-text.ts';
import { importRoster, type RowOutcome } from './import-roster.ts';
import { parseRosterCsv, type RosterPreview } from './roster-csv.ts';

export function RosterImportPage() {
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [fileName, setFileName] = useState('');
  const [encoding, setEncoding] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<RowOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    setOutcomes(null);
    setError(null);
    if (!file) return setPreview(null);
    setFileName(file.name);
    const decoded = decodeText(await file.arrayBuffer());
    setEncoding(decoded.encoding);
    setPreview(parseRosterCsv(decoded.text));
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

  return (
    <section aria-labelledby="roster-title">
      <h2 id="roster-title">Import a roster CSV</h2>
      <p className="hint">
        Columns: student id, name, email (optional), class (optional), consent (optional: yes, no, withdrawn or empty), consent by (parent or student) and
        consent note (the paper form&apos;s reference). The first row names the columns.
      </p>
      <label>
        Roster CSV
        <input type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {preview && !outcomes && (
        <div className="card">
          <h3>Preview of {fileName}</h3>
          <p className="hint">Read as {encoding} (detected). If names look wrong, save the file as “CSV UTF-8” and choose it again.</p>
          <p role="status">
            {preview.rows.length === 0 && preview.problems.length === 0
              ? 'No rows: the file has a header but no students.'
              : `${preview.rows.length} row${preview.rows.length === 1 ? '' : 's'} ready to import, ${preview.problems.length} with errors (not imported).`}
          </p>
          {preview.problems.length > 0 && (
            <ul className="problems" aria-label="Rows with errors">
              {preview.problems.map((p) => (
                <li key={p.line}>
                  Line {p.line}: {p.message}
                </li>
              ))}
            </ul>
          )}
          <table className="list" aria-label="Rows to import">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Student ID</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Class</th>
                <th scope="col">Consent</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.studentId}</td>
                  <td>{r.name}</td>
                  <td>{r.email ?? ''}</td>
                  <td>{r.className ?? ''}</td>
                  <td>{r.consent ? `${CONSENT_TEXT[r.consent.status]}${r.consent.onBehalfOf ? ` (${r.consent.onBehalfOf})` : ''}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {progress !== null && <progress max={preview.rows.length} value={progress} aria-label="Import progress" />}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="row">
            <button type="button" className="primary" disabled={preview.rows.length === 0 || progress !== null} onClick={() => void run()}>
              Import {preview.rows.length} student{preview.rows.length === 1 ? '' : 's'}
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
            {outcomes.filter((o) => o.outcome === 'created').length} created, {outcomes.filter((o) => o.outcome === 'exists').length} already on file,{' '}
            {outcomes.filter((o) => o.outcome === 'failed').length} failed.
            {outcomes.some((o) => o.consent === 'recorded') && ` Consent recorded for ${outcomes.filter((o) => o.consent === 'recorded').length}.`}
          </p>
          <ul>
            {outcomes
              .filter((o) => o.outcome !== 'created')
              .map((o) => (
                <li key={o.line}>
                  Line {o.line} ({o.studentId}): {o.message}
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
