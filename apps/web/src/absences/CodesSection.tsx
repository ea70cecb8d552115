// The school's attendance codes as the office reads them (code, meaning, what it counts as) and the
// reasons it picks from; an admin edits them here or starts again from an example set.
import { useState } from 'react';
import type { CodeSet } from '@rollcall/contracts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { CodeSetEditor } from './CodeSetEditor.tsx';
import { useAttendanceCodes } from '../data/absences.ts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t, translator, tx } from '../core/i18n.ts';
import { codeMeaning } from '../ui/code-meaning.ts';

/** The reasons joined as the language joins a list, each with its code. */
function ReasonList({ reasons }: { reasons: CodeSet['reasons'] }) {
  let next = 0;
  const parts = translator().intl.formatListToParts(
    reasons.map((r) => r.label),
    { type: 'unit', style: 'short' },
  );
  return parts.map((part, i) => {
    if (part.type !== 'element') return part.value;
    const r = reasons[next++]!;
    return (
      <span key={i}>
        {r.label} (<code>{r.code}</code>)
      </span>
    );
  });
}

function CodeTables({ set }: { set: CodeSet }) {
  return (
    <>
      <table className="list" aria-label={t({ id: 'absences.codes.title', defaultMessage: 'Attendance codes' })}>
        <thead>
          <tr>
            <th scope="col">{t({ id: 'absences.codes.column.code', defaultMessage: 'Code' })}</th>
            <th scope="col">{t({ id: 'absences.codes.column.meaning', defaultMessage: 'Meaning' })}</th>
            <th scope="col">{t({ id: 'absences.codes.column.countsAs', defaultMessage: 'Counts as' })}</th>
          </tr>
        </thead>
        <tbody>
          {set.codes.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                <code>{c.code}</code>
              </th>
              <td>{codeMeaning(c)}</td>
              <td>
                {STATUS_TEXT[c.status]}
                {c.isDefault && <span className="hint"> {t({ id: 'absences.codes.default', defaultMessage: '(when no reason says otherwise)' })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {set.reasons.length === 0
          ? t({ id: 'absences.codes.reasonsNone', defaultMessage: 'Reasons the office picks from: none listed.' })
          : tx(
              { id: 'absences.codes.reasons', defaultMessage: 'Reasons the office picks from: {reasons}' },
              {
                reasons: <ReasonList key="reasons" reasons={set.reasons} />,
              },
            )}
      </p>
    </>
  );
}

export function CodesSection({ canEdit }: { canEdit: boolean }) {
  const codes = useAttendanceCodes();
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="codes-title" className="codes">
      <h3 id="codes-title">{t({ id: 'absences.codes.title', defaultMessage: 'Attendance codes' })}</h3>
      <ErrorAlert error={codes.error} />
      {codes.data && (
        <>
          <p className="hint">
            {!codes.data.chosen
              ? t({
                  id: 'absences.codes.plain',
                  defaultMessage: 'The register CSV and the statistics use these plain codes until an admin chooses the set your authority asks for.',
                })
              : codes.data.updatedBy
                ? t(
                    { id: 'absences.codes.chosenBy', defaultMessage: 'The register CSV and the statistics use these codes (last saved by {name}).' },
                    { name: codes.data.updatedBy },
                  )
                : t({ id: 'absences.codes.chosen', defaultMessage: 'The register CSV and the statistics use these codes (last saved by an admin).' })}
          </p>
          {editing ? <CodeSetEditor initial={codes.data} onDone={() => setEditing(false)} /> : <CodeTables set={codes.data} />}
          {canEdit && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              {t({ id: 'absences.codes.change', defaultMessage: 'Change the codes' })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
