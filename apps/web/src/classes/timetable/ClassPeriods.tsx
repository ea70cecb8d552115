// A class's weekly periods (admins): each on its weekday with its times and late-after, and a form
// to add one. The contract's own rules are checked before sending, so a mistake is named at once.
import { useState, type FormEvent } from 'react';
import { CreatePeriodBody, type Period } from '@rollcall/contracts';
import { errorText } from '../../ui/messages.ts';
import { useCreatePeriod, useDeletePeriod } from '../../data/timetable.ts';
import { Alert } from '../../ui/Alert.tsx';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

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
    if (!body.success) return setProblem(body.error.issues[0]?.message ?? 'Check the period.');
    setProblem(null);
    create.mutate({ params: { id: classId }, body: body.data }, { onSuccess: () => setLabel('') });
  };
  const error = problem ?? (create.error ? errorText(create.error) : remove.error ? errorText(remove.error) : null);

  return (
    <section aria-label={`Weekly periods of ${className}`}>
      <h4>Weekly periods</h4>
      {periods.length === 0 ? (
        <p className="hint">No periods yet: a classroom laptop starts and ends the lessons of its periods by itself.</p>
      ) : (
        <ul className="period-list">
          {periods.map((p) => (
            <li key={p.id}>
              {WEEKDAY_NAMES[p.weekday - 1]} {p.startsAt}–{p.endsAt} · {p.label} · late after {p.lateAfterMinutes} min{' '}
              <button
                type="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ params: { id: p.id } })}
                aria-label={`Remove ${p.label} on ${WEEKDAY_NAMES[p.weekday - 1]}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={submit} aria-label={`New period for ${className}`}>
        <label>
          Name
          <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={100} placeholder="Period 2" />
        </label>
        <label>
          Day
          <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
            {WEEKDAY_NAMES.map((d, i) => (
              <option key={d} value={i + 1}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Starts
          <input type="time" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />
        </label>
        <label>
          Ends
          <input type="time" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} required />
        </label>
        <label>
          Late after (minutes)
          <input type="number" min={0} max={240} value={late} onChange={(e) => setLate(Number(e.target.value))} style={{ width: '5rem' }} />
        </label>
        <button type="submit" disabled={create.isPending}>
          Add period
        </button>
      </form>
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
