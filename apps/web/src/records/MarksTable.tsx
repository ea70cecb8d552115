// One page of filtered marks, newest first, each openable for its status and audit trail. Plain
// words: the status as the register says it and how the mark was made; the match score only as a
// tooltip for whoever checks the camera.
import { Fragment, useState } from 'react';
import type { Mark } from '@rollcall/contracts';
import { howMarked, STATUS_TEXT } from '../ui/status-text.ts';
import { MarkEditor } from './MarkEditor.tsx';
import { formatWhen } from '../ui/format.ts';

export function MarksTable({ marks, canEdit }: { marks: readonly Mark[]; canEdit: boolean }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="list marks stack" aria-label="Marks">
      <thead>
        <tr>
          <th scope="col">Student ID</th>
          <th scope="col">Name</th>
          <th scope="col">Time</th>
          <th scope="col">Status</th>
          <th scope="col">How marked</th>
          <th scope="col">Marked by</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {marks.map((m) => (
          <Fragment key={m.id}>
            <tr>
              <td data-label="Student ID">{m.studentId}</td>
              <td data-label="Name">{m.studentName ?? <span className="hint">deleted student</span>}</td>
              <td data-label="Time">
                <time dateTime={m.markedAt}>{formatWhen(m.markedAt)}</time>
              </td>
              <td data-label="Status">
                <span className={`status status-${m.status}`}>{STATUS_TEXT[m.status]}</span>
              </td>
              <td data-label="How marked" title={m.similarity === null ? undefined : `Match score ${m.similarity.toFixed(3)}`}>
                {howMarked(m)}
              </td>
              <td data-label="Marked by">{m.markedBy ?? ''}</td>
              <td className="actions">
                <button type="button" className="link" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>
                  {canEdit ? 'Change status' : 'History'}
                  <span className="sr-only"> of {m.studentId}</span>
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
