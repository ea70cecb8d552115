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
import { loadRosterLanguages } from './roster-language.ts';
import { OneRosterTeachers } from './OneRosterTeachers.tsx';
import { whereIs } from './roster-row.ts';
import { RosterPreviewTable } from './RosterPreviewTable.tsx';
import { Alert } from '../ui/Alert.tsx';
import { t, translator } from '../core/i18n.ts';

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
    // Every catalogue's header names and words, so a file from a system in another language reads too.
    const [chosen] = await Promise.all([
      Promise.all(
        files.map(async (f) => {
          const decoded = decodeText(await f.arrayBuffer());
          return { name: f.name, text: decoded.text, encoding: decoded.encoding };
        }),
      ),
      loadRosterLanguages(),
    ]);
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
      <h2 id="roster-title">{t({ id: 'students.roster.title', defaultMessage: 'Import a roster CSV' })}</h2>
      <p className="hint">
        {t({
          id: 'students.roster.columns',
          defaultMessage:
            'Columns: student id, name (or first name and last name), email (optional), class (optional), consent (optional: yes, no, withdrawn or empty), consent by (parent or student) and consent note (the paper form\'s reference); guardians (optional): guardian name, relationship, email, phone, language and may contact (yes or no), and "Guardian 2 …" columns for a second one. The first row names the columns.',
        })}
      </p>
      <p className="hint">
        {t({
          id: 'students.roster.oneRoster',
          defaultMessage:
            "From a school information system: choose OneRoster's users.csv, classes.csv and enrollments.csv together. Students, their classes and their guardians (parents linked by agentSourcedIds) are imported; teachers are listed for you to add on the Teachers page.",
        })}
      </p>
      <label>
        {t({ id: 'students.roster.file', defaultMessage: 'Roster CSV' })}
        <input type="file" multiple accept=".csv,text/csv" onChange={(e) => void choose([...(e.target.files ?? [])])} />
      </label>
      {error && !outcomes && <Alert>{error}</Alert>}
      {preview && !outcomes && (
        <div className="card">
          <h3>
            {preview.format === 'OneRoster'
              ? t({ id: 'students.roster.previewOneRoster', defaultMessage: 'Preview of the OneRoster files' })
              : t({ id: 'students.roster.preview', defaultMessage: 'Preview of {file}' }, { file: preview.files[0]!.name })}
          </h3>
          <p className="hint">
            {t(
              {
                id: 'students.roster.encoding',
                defaultMessage: 'Read as {encodings} (detected). If names look wrong, save the file as “CSV UTF-8” and choose it again.',
              },
              { encodings: translator().intl.formatList([...new Set(preview.files.map((f) => f.encoding))], { type: 'conjunction' }) },
            )}
            {preview.unused.length > 0 &&
              ` ${t({ id: 'students.roster.unused', defaultMessage: 'Not used: {files}.' }, { files: translator().intl.formatList(preview.unused, { type: 'unit' }) })}`}
          </p>
          <p role="status">
            {preview.rows.length === 0 && preview.problems.length === 0
              ? t({ id: 'students.roster.noRows', defaultMessage: 'No rows: the file has a header but no students.' })
              : t(
                  {
                    id: 'students.roster.ready',
                    defaultMessage: '{rows, plural, one {# row} other {# rows}} ready to import, {problems} with errors (not imported).',
                  },
                  { rows: preview.rows.length, problems: preview.problems.length },
                )}
          </p>
          {preview.problems.length > 0 && (
            <ul className="problems" aria-label={t({ id: 'students.roster.problems', defaultMessage: 'Rows with errors' })}>
              {preview.problems.map((p) => (
                <li key={`${p.file}:${p.line}`}>
                  {whereIs(p)}: {p.message}
                </li>
              ))}
            </ul>
          )}
          {preview.skipped.length > 0 && (
            <details>
              <summary>
                {t(
                  { id: 'students.roster.skipped', defaultMessage: '{rows, plural, one {# row} other {# rows}} left out on purpose' },
                  { rows: preview.skipped.length },
                )}
              </summary>
              <ul aria-label={t({ id: 'students.roster.skippedLabel', defaultMessage: 'Rows left out' })}>
                {preview.skipped.map((p) => (
                  <li key={`${p.file}:${p.line}`}>
                    {whereIs(p)}: {p.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <OneRosterTeachers teachers={preview.teachers} />
          {preview.emptyClasses.length > 0 && (
            <p className="hint">
              {t(
                { id: 'students.roster.emptyClasses', defaultMessage: 'Classes with no students, not created: {classes}.' },
                { classes: translator().intl.formatList(preview.emptyClasses, { type: 'unit' }) },
              )}
            </p>
          )}
          <RosterPreviewTable rows={preview.rows} />
          {progress !== null && (
            <progress max={preview.rows.length} value={progress} aria-label={t({ id: 'students.roster.progress', defaultMessage: 'Import progress' })} />
          )}
          {error && <Alert>{error}</Alert>}
          <div className="row">
            <button type="button" className="primary" disabled={preview.rows.length === 0 || progress !== null} onClick={() => void run()}>
              {t(
                { id: 'students.roster.import', defaultMessage: 'Import {count, plural, one {# student} other {# students}}' },
                { count: preview.rows.length },
              )}
            </button>
            <button type="button" onClick={() => navigate({ page: 'students' })} disabled={progress !== null}>
              {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
            </button>
          </div>
        </div>
      )}
      {outcomes && (
        <div className="card" role="status">
          <h3>{t({ id: 'students.roster.imported', defaultMessage: 'Imported' })}</h3>
          <p>
            {t(
              {
                id: 'students.roster.summary',
                defaultMessage:
                  '{created} created, {exists} already on file, {failed} failed.{consent, plural, =0 {} other { Consent recorded for #.}}{guardians, plural, =0 {} other { Guardians saved for #.}}',
              },
              {
                created: count('created'),
                exists: count('exists'),
                failed: count('failed'),
                consent: outcomes.filter((o) => o.consent === 'recorded').length,
                guardians: outcomes.filter((o) => o.guardians === 'saved').length,
              },
            )}
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
            {t({ id: 'students.roster.back', defaultMessage: 'Back to students' })}
          </button>
        </div>
      )}
    </section>
  );
}
