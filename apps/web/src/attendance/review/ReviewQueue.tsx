// Faces the recogniser was not sure about, kept on this device until handled: the thumbnail, the
// suggested student by name and the runner-up, and why in plain words (the recogniser's own detail
// on a smaller line). Confirm marks the chosen student (by hand, audited) unless they already have
// a status in this session; Dismiss drops the face.
import { useState } from 'react';
import type { RegisterStatus } from '@rollcall/contracts';
import type { ReviewRow } from '../../local/db.ts';
import { STATUS_TEXT } from '../../ui/status-text.ts';
import { reviewWords } from './review-words.ts';

interface Props {
  items: ReviewRow[];
  students: { studentId: string; name: string }[];
  names: ReadonlyMap<string, string>;
  /** Each student's status in the running session. */
  statusOf: (studentId: string) => RegisterStatus | undefined;
  onConfirm: (item: ReviewRow, studentId: string) => void;
  onDismiss: (item: ReviewRow) => void;
}

export function ReviewQueue({ items, students, names, statusOf, onConfirm, onDismiss }: Props) {
  const [choice, setChoice] = useState<Record<string, string>>({});
  const nameOf = (id: string) => names.get(id) ?? id;
  return (
    <section aria-label="Needs review" className="review">
      <h3>Needs review{items.length > 0 ? ` (${items.length})` : ''}</h3>
      {items.length === 0 && <p className="hint">Nothing to review.</p>}
      <ul>
        {items.map((item) => {
          const [best, second] = item.candidates;
          const selected = choice[item.id] ?? best?.studentId ?? '';
          const status = selected ? statusOf(selected) : undefined;
          const already = status !== undefined && status !== 'not-seen';
          const words = reviewWords(item);
          return (
            <li key={item.id} className="review-item">
              <img src={item.thumbnail} alt={best ? `Face that may be ${nameOf(best.studentId)}` : 'Unknown face'} width={72} height={72} />
              <div>
                <p>
                  {best ? (
                    <>
                      Looks like <strong>{nameOf(best.studentId)}</strong>
                    </>
                  ) : (
                    'Unknown face'
                  )}
                  {second && <> or {nameOf(second.studentId)}</>}: {words.why}.
                </p>
                {words.detail && <p className="hint review-detail">{words.detail}</p>}
                <label>
                  Student
                  <select value={selected} onChange={(e) => setChoice((c) => ({ ...c, [item.id]: e.target.value }))}>
                    <option value="">Choose…</option>
                    {students.map((s) => (
                      <option key={s.studentId} value={s.studentId}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
                {already && (
                  <p className="hint">
                    {nameOf(selected)} is already marked {STATUS_TEXT[status].toLowerCase()} in this session: confirming changes nothing.
                  </p>
                )}
                <div className="row">
                  <button type="button" disabled={!selected} onClick={() => onConfirm(item, selected)}>
                    {already ? 'Confirm (already marked)' : `Confirm${selected ? ` ${nameOf(selected)}` : ''}`}
                  </button>
                  <button type="button" onClick={() => onDismiss(item)}>
                    Dismiss
                  </button>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
