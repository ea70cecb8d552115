// A class's weekly periods (admins): each on its weekday with its times and late-after, and a form
// to add one. The contract's own rules are checked before sending, so a mistake is named at once.
import { useState, type FormEvent } from 'react';
import { CreatePeriodBody, type Period } from '@rollcall/contracts';
import { errorText, issueText } from '../../ui/messages.ts';
import { useCreatePeriod, useDeletePeriod } from '../../data/timetable.ts';
import { Alert } from '../../ui/Alert.tsx';
import { formatLocale, t } from '../../core/i18n.ts';

/** The school week's days, Monday (1) to Sunday (7), named in the current language. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
// 1 January 2024 was a Monday: day n of that week is weekday n.
const weekdayName = (weekday: number) => new Date(2024, 0, weekday).toLocaleDateString(formatLocale(), { weekday: 'long' });

export function ClassPeriods({ classId, className, periods }: { classId: string; className: string; periods: Period[] }) {
  const create = useCreatePeriod();
  const remove = useDeletePeriod();
  const [label, setLabel] = useState('');
  const [weekday, setWeekday] = useState(1);
  const [startsAt, setStartsAt] = useState('09:00');
  const [endsAt, setEndsAt] = useState('10:00');
  const [late, setLate] = useState(10);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = CreatePeriodBody.safeParse({ label, weekday, startsAt, endsAt, lateAfterMinutes: late });
    if (!body.success)
      return setProblem((body.error.issues[0] && issueText(body.error.issues[0])) ?? t({ id: 'classes.periods.check', defaultMessage: 'Check the period.' }));
    setProblem(null);
    create.mutate({ params: { id: classId }, body: body.data }, { onSuccess: () => setLabel('') });
  };
  const error = problem ?? (create.error ? errorText(create.error) : remove.error ? errorText(remove.error) : null);

  return (
    <section aria-label={t({ id: 'classes.periods.label', defaultMessage: 'Weekly periods of {className}' }, { className })}>
      <h4>{t({ id: 'classes.periods.title', defaultMessage: 'Weekly periods' })}</h4>
      {periods.length === 0 ? (
        <p className="hint">
          {t({ id: 'classes.periods.empty', defaultMessage: 'No periods yet: a classroom laptop starts and ends the lessons of its periods by itself.' })}
        </p>
      ) : (
        <ul className="period-list">
          {periods.map((p) => (
            <li key={p.id}>
              {t(
                { id: 'classes.periods.period', defaultMessage: '{weekday} {startsAt}–{endsAt} · {label} · late after {minutes} min' },
                { weekday: weekdayName(p.weekday), startsAt: p.startsAt, endsAt: p.endsAt, label: p.label, minutes: p.lateAfterMinutes },
              )}{' '}
              <button
                type="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ params: { id: p.id } })}
                aria-label={t(
                  { id: 'classes.periods.remove', defaultMessage: 'Remove {label} on {weekday}' },
                  { label: p.label, weekday: weekdayName(p.weekday) },
                )}
              >
                {t({ id: 'common.remove', defaultMessage: 'Remove' })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={submit} aria-label={t({ id: 'classes.periods.new', defaultMessage: 'New period for {className}' }, { className })}>
        <label>
          {t({ id: 'classes.periods.name', defaultMessage: 'Name' })}
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            maxLength={100}
            placeholder={t({ id: 'classes.periods.namePlaceholder', defaultMessage: 'Period 2' })}
          />
        </label>
        <label>
          {t({ id: 'classes.periods.day', defaultMessage: 'Day' })}
          <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {weekdayName(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t({ id: 'classes.periods.starts', defaultMessage: 'Starts' })}
          <input type="time" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />
        </label>
        <label>
          {t({ id: 'classes.periods.ends', defaultMessage: 'Ends' })}
          <input type="time" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} required />
        </label>
        <label>
          {t({ id: 'classes.periods.lateAfter', defaultMessage: 'Late after (minutes)' })}
          <input type="number" min={0} max={240} value={late} onChange={(e) => setLate(Number(e.target.value))} style={{ width: '5rem' }} />
        </label>
        <button type="submit" disabled={create.isPending}>
          {t({ id: 'classes.periods.add', defaultMessage: 'Add period' })}
        </button>
      </form>
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
