// One page of filtered marks, newest first, each openable for its status and audit trail.
import { Fragment, useState } from 'react';
import type { Mark } from '@rollcall/contracts';
import { MarkEditor } from './MarkEditor.tsx';
import { formatWhen } from './format.ts';

export function MarksTable({ marks, canEdit }: { marks: readonly Mark[]; canEdit: boolean }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="list marks" aria-label="Marks">
      <thead>
        <tr>
          <th scope="col">Student ID</th>
          <th scope="col">Name</th>
          <th scope="col">Time</th>
          <th scope="col">Status</th>
          <th scope="col">Method</th>
          <th scope="col">Similarity</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {marks.map((m) => (
          <Fragment key={m.id}>
            <tr>
              <td>{m.studentId}</td>
              <td>{m.studentName ?? <span className="hint">deleted student</span>}</td>
              <td>
                <time dateTime={m.markedAt}>{formatWhen(m.markedAt)}</time>
              </td>
              <td>
                <span className={`status status-${m.status}`}>{m.status}</span>
              </td>
              <td>{m.method}</td>
              <td>{m.similarity === null ? '—' : m.similarity.toFixed(3)}</td>
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
