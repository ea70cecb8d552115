// One page of filtered marks, newest first, each openable for its status and audit trail. Plain
// words: the status as the register says it and how the mark was made; the match score only as a
// tooltip for whoever checks the camera.
import { Fragment, useState } from 'react';
import type { Mark } from '@rollcall/contracts';
import { howMarked, STATUS_TEXT } from '../ui/status-text.ts';
import { MarkEditor } from './MarkEditor.tsx';
import { formatNumber, formatWhen } from '../ui/format.ts';
import { t, tx } from '../core/i18n.ts';
import { columnNames } from './columns.ts';

export function MarksTable({ marks, canEdit }: { marks: readonly Mark[]; canEdit: boolean }) {
  const col = columnNames();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="list marks stack" aria-label={t({ id: 'records.marks.title', defaultMessage: 'Marks' })}>
      <thead>
        <tr>
          <th scope="col">{col.studentId}</th>
          <th scope="col">{col.name}</th>
          <th scope="col">{col.time}</th>
          <th scope="col">{col.status}</th>
          <th scope="col">{col.howMarked}</th>
          <th scope="col">{col.markedBy}</th>
          <th scope="col">
            <span className="sr-only">{t({ id: 'records.marks.actions', defaultMessage: 'Actions' })}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {marks.map((m) => (
          <Fragment key={m.id}>
            <tr>
              <td data-label={col.studentId}>{m.studentId}</td>
              <td data-label={col.name}>
                {m.studentName ?? <span className="hint">{t({ id: 'records.marks.deletedStudent', defaultMessage: 'deleted student' })}</span>}
              </td>
              <td data-label={col.time}>
                <time dateTime={m.markedAt}>{formatWhen(m.markedAt)}</time>
              </td>
              <td data-label={col.status}>
                <span className={`status status-${m.status}`}>{STATUS_TEXT[m.status]}</span>
              </td>
              <td
                data-label={col.howMarked}
                title={
                  m.similarity === null
                    ? undefined
                    : t(
                        { id: 'records.marks.matchScore', defaultMessage: 'Match score {score}' },
                        { score: formatNumber(m.similarity, { minimumFractionDigits: 3, maximumFractionDigits: 3 }) },
                      )
                }
              >
                {howMarked(m)}
              </td>
              <td data-label={col.markedBy}>{m.markedBy ?? ''}</td>
              <td className="actions">
                <button type="button" className="link" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>
                  {tx(
                    {
                      id: 'records.marks.open',
                      defaultMessage: '{canEdit, select, yes {Change status} other {History}}<hidden> of {studentId}</hidden>',
                    },
                    { canEdit: canEdit ? 'yes' : 'no', studentId: m.studentId, hidden: (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span> },
                  )}
                </button>
              </td>
            </tr>
            {open === m.id && (
              <tr className="editor-row">
                <td colSpan={7}>
                  <MarkEditor mark={m} canEdit={canEdit} onClose={() => setOpen(null)} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
