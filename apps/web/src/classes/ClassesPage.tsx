// Classes: create them, choose who is on each roster, and start or end a session (one meeting)
// with the minutes after which arrivals count as late.
import { useState, type FormEvent } from 'react';
import { useCachedClasses, useCachedStudents } from '../data/local.ts';
import { useCreateClass } from '../data/remote.ts';
import { ClassCard } from './ClassCard.tsx';
import { TermDates } from './timetable/TermDates.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';

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
        <h2 id="classes-title">Classes</h2>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setAdding(true)} disabled={adding}>
            Add class
          </button>
        )}
      </div>
      {adding && (
        <form className="card row" onSubmit={submit} aria-label="New class">
          <label>
            Class name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="Math 101, period 2" autoFocus />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            Create class
          </button>
          <button type="button" onClick={() => setAdding(false)}>
            Cancel
          </button>
          <ErrorAlert error={create.error} />
        </form>
      )}
      {canEdit && <TermDates />}
      {classes === undefined ? (
        <p>Loading…</p>
      ) : classes.length === 0 ? (
        <div className="empty">
          <p>No classes yet.{canEdit ? ' Add one, then choose its students.' : ''}</p>
        </div>
      ) : (
        classes.map((c) => <ClassCard key={c.id} cls={c} students={students ?? []} canEdit={canEdit} />)
      )}
    </section>
  );
}
