// The school's attendance codes as the office reads them (code, meaning, what it counts as) and the
// reasons it picks from; an admin edits them here or starts again from an example set.
import { useState } from 'react';
import type { CodeSet } from '@rollcall/contracts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { CodeSetEditor } from './CodeSetEditor.tsx';
import { useAttendanceCodes } from '../data/absences.ts';
import { ErrorAlert } from '../ui/Alert.tsx';

function CodeTables({ set }: { set: CodeSet }) {
  return (
    <>
      <table className="list" aria-label="Attendance codes">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Meaning</th>
            <th scope="col">Counts as</th>
          </tr>
        </thead>
        <tbody>
          {set.codes.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                <code>{c.code}</code>
              </th>
              <td>{c.meaning}</td>
              <td>
                {STATUS_TEXT[c.status]}
                {c.isDefault && <span className="hint"> (when no reason says otherwise)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Reasons the office picks from:{' '}
        {set.reasons.length === 0
          ? 'none listed.'
          : set.reasons.map((r, i) => (
              <span key={r.label}>
                {i > 0 && ', '}
                {r.label} (<code>{r.code}</code>)
              </span>
            ))}
      </p>
    </>
  );
}

export function CodesSection({ canEdit }: { canEdit: boolean }) {
  const codes = useAttendanceCodes();
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="codes-title" className="codes">
      <h3 id="codes-title">Attendance codes</h3>
      <ErrorAlert error={codes.error} />
      {codes.data && (
        <>
          <p className="hint">
            {codes.data.chosen
              ? `The register CSV and the statistics use these codes (last saved by ${codes.data.updatedBy ?? 'an admin'}).`
              : 'The register CSV and the statistics use these plain codes until an admin chooses the set your authority asks for.'}
          </p>
          {editing ? <CodeSetEditor initial={codes.data} onDone={() => setEditing(false)} /> : <CodeTables set={codes.data} />}
          {canEdit && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Change the codes
            </button>
          )}
        </>
      )}
    </section>
  );
}
