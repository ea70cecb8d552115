// Faces the recogniser was not sure about: the teacher confirms who it is (a manual mark, which
// the API audits) or dismisses it. The two closest students are offered by name, but nobody is
// preselected: confirming needs a choice, so one click cannot mark the wrong student. A
// stranger-like face is offered as nobody. Thumbnails stay in this browser.
import { useState } from 'react';
import type { RosterStudent } from '../data/local.ts';
import type { ReviewItem } from './useRecognition.ts';

const WHY = {
  close: 'close to the threshold',
  ambiguous: 'two students look alike',
  liveness: 'failed the liveness check',
  presentation: 'looks like a photo or a screen',
} as const;

export function ReviewList({ items, students, onConfirm, onDismiss }: { items: ReviewItem[]; students: RosterStudent[]; onConfirm: (item: ReviewItem, studentId: string) => void; onDismiss: (item: ReviewItem) => void }) {
  const [choice, setChoice] = useState<Record<number, string>>({});
  const name = (id: string) => students.find((s) => s.studentId === id)?.name ?? id;
  return (
    <section aria-label="Needs review" className="review">
      <h3>Needs review</h3>
      {items.length === 0 && <p className="hint">Nothing to review.</p>}
      <ul>
        {items.map((item) => {
          const selected = choice[item.trackId] ?? '';
          const pick = (studentId: string) => setChoice((c) => ({ ...c, [item.trackId]: studentId }));
          return (
            <li key={item.trackId} className="review-item">
              <img src={item.thumbnail} alt="Face to review" width={72} height={72} />
              <div>
                <p>
                  {item.candidates.length ? `Looks like ${item.candidates.map((c) => `${name(c.studentId)} (${c.score.toFixed(3)})`).join(' or ')}` : 'Not like any enrolled student'}: {WHY[item.why]}
                </p>
                {item.candidates.length > 0 && (
                  <fieldset className="row">
                    <legend>Who is it?</legend>
                    {item.candidates.map((c) => (
                      <label key={c.studentId}>
                        <input type="radio" name={`review-${item.trackId}`} checked={selected === c.studentId} onChange={() => pick(c.studentId)} />
                        {name(c.studentId)}
                      </label>
                    ))}
                  </fieldset>
                )}
                <label>
                  {item.candidates.length ? 'Someone else' : 'Student'}
                  <select value={item.candidates.some((c) => c.studentId === selected) ? '' : selected} onChange={(e) => pick(e.target.value)}>
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
