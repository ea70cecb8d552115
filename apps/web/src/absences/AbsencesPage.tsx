// Absences to explain: the office's (or a teacher's own classes') list of a day's students absent
// from ended sessions without a reason, each explained in one step by typing or picking a reason.
// The list empties as the day is explained; the school's attendance codes sit below it.
import { useEffect, useRef, useState } from 'react';
import { absencesHeadline, runningText } from './absence-text.ts';
import { AbsenceRow } from './AbsenceRow.tsx';
import { CodesSection } from './CodesSection.tsx';
import { useAbsences, useAttendanceCodes } from '../data/absences.ts';
import { deviceDay, explainingReasons } from '@rollcall/contracts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t, translator } from '../core/i18n.ts';

export function AbsencesPage({ canEditCodes }: { canEditCodes: boolean }) {
  const today = deviceDay(new Date());
  const [day, setDay] = useState(today);
  const absences = useAbsences(day);
  const codes = useAttendanceCodes();
  const list = useRef<HTMLTableSectionElement>(null);
  const headline = useRef<HTMLParagraphElement>(null);
  // After a row is explained it leaves the list: keyboard focus goes on to the row now in its place.
  const [refocus, setRefocus] = useState<number | null>(null);
  const items = absences.data?.items;

  useEffect(() => {
    if (refocus === null || !items) return;
    const inputs = list.current?.querySelectorAll<HTMLInputElement>('input[data-reason]') ?? [];
    (inputs[Math.min(refocus, inputs.length - 1)] ?? headline.current)?.focus();
    setRefocus(null);
  }, [items, refocus]);

  const reasons = codes.data ? explainingReasons(codes.data) : [];
  return (
    <section aria-labelledby="absences-title" className="absences">
      <div className="page-head">
        <h2 id="absences-title">{t({ id: 'absences.title', defaultMessage: 'Absences to explain' })}</h2>
      </div>
      <div className="row">
        <label className="inline">
          {t({ id: 'absences.day', defaultMessage: 'Day' })}
          <input type="date" value={day} max={today} onChange={(e) => setDay(e.target.value || today)} />
        </label>
      </div>
      <ErrorAlert error={absences.error} />
      <p ref={headline} tabIndex={-1} role="status" className="absences-headline">
        {items ? absencesHeadline(items.length, day, today) : t({ id: 'common.loading', defaultMessage: 'Loading…' })}
      </p>
      {absences.data && absences.data.runningSessions > 0 && <p className="hint">{runningText(absences.data.runningSessions)}</p>}
      {reasons.length > 0 && (
        <datalist id="absence-reasons">
          {reasons.map((r) => (
            <option key={r.label} value={r.label} />
          ))}
        </datalist>
      )}
      {items && items.length > 0 && (
        <>
          <p className="hint">
            {t(
              {
                id: 'absences.howTo',
                defaultMessage:
                  'Type the reason a guardian gave, or pick one of the school’s ({reasons}), then press Enter. The mark becomes excused, and its change is recorded with your name.',
              },
              {
                reasons: translator().intl.formatList(
                  reasons.map((r) => r.label),
                  { type: 'unit', style: 'short' },
                ),
              },
            )}
          </p>
          <table className="list stack" aria-label={t({ id: 'absences.title', defaultMessage: 'Absences to explain' })}>
            <thead>
              <tr>
                <th scope="col">{t({ id: 'absences.column.student', defaultMessage: 'Student' })}</th>
                <th scope="col">{t({ id: 'absences.column.class', defaultMessage: 'Class' })}</th>
                <th scope="col">{t({ id: 'absences.column.period', defaultMessage: 'Period' })}</th>
                <th scope="col">{t({ id: 'absences.column.teacher', defaultMessage: 'Teacher' })}</th>
                <th scope="col">{t({ id: 'absences.column.reason', defaultMessage: 'Reason' })}</th>
              </tr>
            </thead>
            <tbody ref={list}>
              {items.map((a, i) => (
                <AbsenceRow key={`${a.sessionId}/${a.studentId}`} absence={a} onExplained={() => setRefocus(i)} />
              ))}
            </tbody>
          </table>
        </>
      )}
      <CodesSection canEdit={canEditCodes} />
    </section>
  );
}
