// Faces the recogniser was not sure about, kept on this device until handled: the thumbnail, the
// suggested student by name and the runner-up, and why in plain words (the recogniser's own detail
// on a smaller line). Confirm marks the chosen student (by hand, audited) unless they already have
// a status in this session; Dismiss drops the face.
import { useMemo, useState } from 'react';
import type { RegisterStatus } from '@rollcall/contracts';
import type { ReviewRow } from '../../local/db.ts';
import { compareNames, t, tx } from '../../core/i18n.ts';
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
  const sorted = useMemo(() => [...students].sort((a, b) => compareNames(a.name, b.name)), [students]);
  return (
    <section aria-label={t({ id: 'attendance.review.label', defaultMessage: 'Needs review' })} className="review">
      <h3>{t({ id: 'attendance.review.title', defaultMessage: '{count, plural, =0 {Needs review} other {Needs review (#)}}' }, { count: items.length })}</h3>
      {items.length === 0 && <p className="hint">{t({ id: 'attendance.review.empty', defaultMessage: 'Nothing to review.' })}</p>}
      <ul>
        {items.map((item) => {
          const [best, second] = item.candidates;
          const selected = choice[item.id] ?? best?.studentId ?? '';
          const status = selected ? statusOf(selected) : undefined;
          const already = status !== undefined && status !== 'not-seen';
          const words = reviewWords(item);
          return (
            <li key={item.id} className="review-item">
              <img
                src={item.thumbnail}
                alt={
                  best
                    ? t({ id: 'attendance.review.faceOf', defaultMessage: 'Face that may be {name}' }, { name: nameOf(best.studentId) })
                    : t({ id: 'attendance.review.unknownFace', defaultMessage: 'Unknown face' })
                }
                width={72}
                height={72}
              />
              <div>
                <p>
                  {tx(
                    {
                      id: 'attendance.review.explanation',
                      defaultMessage:
                        '{who, select, two {Looks like <strong>{best}</strong> or {second}: {why}.} one {Looks like <strong>{best}</strong>: {why}.} other {Unknown face: {why}.}}',
                    },
                    {
                      who: best ? (second ? 'two' : 'one') : 'none',
                      best: best && nameOf(best.studentId),
                      second: second && nameOf(second.studentId),
                      why: words.why,
                      strong: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
                    },
                  )}
                </p>
                {words.detail && <p className="hint review-detail">{words.detail}</p>}
                <label>
                  {t({ id: 'attendance.review.student', defaultMessage: 'Student' })}
                  <select value={selected} onChange={(e) => setChoice((c) => ({ ...c, [item.id]: e.target.value }))}>
                    <option value="">{t({ id: 'attendance.review.choose', defaultMessage: 'Choose…' })}</option>
                    {sorted.map((s) => (
                      <option key={s.studentId} value={s.studentId}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
                {already && (
                  <p className="hint">
                    {t(
                      {
                        id: 'attendance.review.alreadyMarked',
                        defaultMessage:
                          '{name} is already marked {status, select, present {present} late {late} excused {excused} absent {absent} other {not seen}} in this session: confirming changes nothing.',
                      },
                      { name: nameOf(selected), status },
                    )}
                  </p>
                )}
                <div className="row">
                  <button type="button" disabled={!selected} onClick={() => onConfirm(item, selected)}>
                    {already
                      ? t({ id: 'attendance.review.confirmAlready', defaultMessage: 'Confirm (already marked)' })
                      : selected
                        ? t({ id: 'attendance.review.confirmStudent', defaultMessage: 'Confirm {name}' }, { name: nameOf(selected) })
                        : t({ id: 'attendance.review.confirm', defaultMessage: 'Confirm' })}
                  </button>
                  <button type="button" onClick={() => onDismiss(item)}>
                    {t({ id: 'attendance.review.dismiss', defaultMessage: 'Dismiss' })}
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
