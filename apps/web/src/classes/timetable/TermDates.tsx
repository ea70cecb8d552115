// The school's term dates (admins): once any term is set, classroom laptops run the timetable only
// on days inside a term, so holidays start no lessons.
import { useState, type FormEvent } from 'react';
import { CreateTermBody } from '@rollcall/contracts';
import { errorText, issueText } from '../../ui/messages.ts';
import { useCreateTerm, useDeleteTerm, useTimetable } from '../../data/timetable.ts';
import { Alert } from '../../ui/Alert.tsx';
import { formatLocale, t } from '../../core/i18n.ts';

const dayText = (day: string) => new Date(`${day}T12:00:00`).toLocaleDateString(formatLocale(), { day: 'numeric', month: 'long', year: 'numeric' });

export function TermDates() {
  const timetable = useTimetable();
  const create = useCreateTerm();
  const remove = useDeleteTerm();
  const [name, setName] = useState('');
  const [firstDay, setFirstDay] = useState('');
  const [lastDay, setLastDay] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const terms = timetable.data?.terms ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = CreateTermBody.safeParse({ name, firstDay, lastDay });
    if (!body.success)
      return setProblem((body.error.issues[0] && issueText(body.error.issues[0])) ?? t({ id: 'classes.terms.checkDates', defaultMessage: 'Check the dates.' }));
    setProblem(null);
    create.mutate({ body: body.data }, { onSuccess: () => (setName(''), setFirstDay(''), setLastDay('')) });
  };
  const error = problem ?? (create.error ? errorText(create.error) : remove.error ? errorText(remove.error) : null);

  return (
    <section className="card" aria-labelledby="terms-title">
      <h3 id="terms-title">{t({ id: 'classes.terms.title', defaultMessage: 'Term dates' })}</h3>
      {terms.length === 0 ? (
        <p className="hint">
          {t({ id: 'classes.terms.empty', defaultMessage: 'No terms set: the timetable runs every week. Add the terms to keep holidays free of lessons.' })}
        </p>
      ) : (
        <ul className="period-list">
          {terms.map((term) => (
            <li key={term.id}>
              {t(
                { id: 'classes.terms.term', defaultMessage: '{name}: {firstDay} to {lastDay}' },
                { name: term.name, firstDay: dayText(term.firstDay), lastDay: dayText(term.lastDay) },
              )}{' '}
              <button
                type="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ params: { id: term.id } })}
                aria-label={t({ id: 'classes.terms.removeNamed', defaultMessage: 'Remove {name}' }, { name: term.name })}
              >
                {t({ id: 'common.remove', defaultMessage: 'Remove' })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={submit} aria-label={t({ id: 'classes.terms.new', defaultMessage: 'New term' })}>
        <label>
          {t({ id: 'classes.terms.name', defaultMessage: 'Term' })}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            placeholder={t({ id: 'classes.terms.namePlaceholder', defaultMessage: 'Spring term' })}
          />
        </label>
        <label>
          {t({ id: 'classes.terms.firstDay', defaultMessage: 'First day' })}
          <input type="date" value={firstDay} onChange={(e) => setFirstDay(e.target.value)} required />
        </label>
        <label>
          {t({ id: 'classes.terms.lastDay', defaultMessage: 'Last day' })}
          <input type="date" value={lastDay} onChange={(e) => setLastDay(e.target.value)} required />
        </label>
        <button type="submit" disabled={create.isPending}>
          {t({ id: 'classes.terms.add', defaultMessage: 'Add term' })}
        </button>
      </form>
      {error && <Alert>{error}</Alert>}
    </section>
  );
}
