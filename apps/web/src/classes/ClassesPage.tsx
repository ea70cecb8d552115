// Classes: create them, choose who is on each roster, and start or end a session (one meeting)
// with the minutes after which arrivals count as late.
import { useState, type FormEvent } from 'react';
import { useCachedClasses, useCachedStudents } from '../data/local.ts';
import { useCreateClass } from '../data/remote.ts';
import { ClassCard } from './ClassCard.tsx';
import { TermDates } from './timetable/TermDates.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

export function ClassesPage({ canEdit }: { canEdit: boolean }) {
  const classes = useCachedClasses();
  const students = useCachedStudents('');
  const create = useCreateClass();
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ body: { name } }, { onSuccess: () => (setName(''), setAdding(false)) });
  };

  return (
    <section aria-labelledby="classes-title">
      <div className="page-head">
        <h2 id="classes-title">{t({ id: 'classes.title', defaultMessage: 'Classes' })}</h2>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setAdding(true)} disabled={adding}>
            {t({ id: 'classes.add', defaultMessage: 'Add class' })}
          </button>
        )}
      </div>
      {adding && (
        <form className="card row" onSubmit={submit} aria-label={t({ id: 'classes.new.label', defaultMessage: 'New class' })}>
          <label>
            {t({ id: 'classes.new.name', defaultMessage: 'Class name' })}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={200}
              placeholder={t({ id: 'classes.new.namePlaceholder', defaultMessage: 'Math 101, period 2' })}
              autoFocus
            />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t({ id: 'classes.new.create', defaultMessage: 'Create class' })}
          </button>
          <button type="button" onClick={() => setAdding(false)}>
            {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
          </button>
          <ErrorAlert error={create.error} />
        </form>
      )}
      {canEdit && <TermDates />}
      {classes === undefined ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : classes.length === 0 ? (
        <div className="empty">
          <p>
            {canEdit
              ? t({ id: 'classes.emptyEditable', defaultMessage: 'No classes yet. Add one, then choose its students.' })
              : t({ id: 'classes.empty', defaultMessage: 'No classes yet.' })}
          </p>
        </div>
      ) : (
        classes.map((c) => <ClassCard key={c.id} cls={c} students={students ?? []} canEdit={canEdit} />)
      )}
    </section>
  );
}
