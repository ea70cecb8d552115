// Faces the recogniser was not sure about: the teacher confirms who it is (a manual mark, which
// the API audits) or dismisses it. Thumbnails stay in this browser.
import { useState } from 'react';
import type { RosterStudent } from '../data/local.ts';
import type { ReviewItem } from './useRecognition.ts';

const WHY = { close: 'close to the threshold', ambiguous: 'two students look alike', liveness: 'failed the liveness check' } as const;

export function ReviewList({ items, students, onConfirm, onDismiss }: { items: ReviewItem[]; students: RosterStudent[]; onConfirm: (item: ReviewItem, studentId: string) => void; onDismiss: (item: ReviewItem) => void }) {
  const [choice, setChoice] = useState<Record<number, string>>({});
  return (
    <section aria-label="Needs review" className="review">
      <h3>Needs review</h3>
      {items.length === 0 && <p className="hint">Nothing to review.</p>}
      <ul>
        {items.map((item) => {
          const selected = choice[item.trackId] ?? item.studentId ?? '';
          return (
            <li key={item.trackId} className="review-item">
              <img src={item.thumbnail} alt="Face to review" width={72} height={72} />
              <div>
                <p>
                  {item.studentId ? `Looks like ${item.studentId}` : 'Unknown face'}
                  {item.score !== null ? ` (${item.score.toFixed(3)})` : ''}: {WHY[item.why]}
                </p>
                <label>
                  Student
                  <select value={selected} onChange={(e) => setChoice((c) => ({ ...c, [item.trackId]: e.target.value }))}>
                    <option value="">Choose…</option>
                    {students.map((s) => (
                      <option key={s.studentId} value={s.studentId}>
                        {s.name} ({s.studentId})
                      </option>
                    ))}
                  </select>
                </label>
                <div className="row">
                  <button type="button" disabled={!selected} onClick={() => onConfirm(item, selected)}>
                    Confirm
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
