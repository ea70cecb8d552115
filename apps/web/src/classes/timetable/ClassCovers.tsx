// Cover for a day (admins): another teacher takes the class on one day only; they see it and run
// its register that day, and not the day after.
import { useState, type FormEvent } from 'react';
import { deviceDay, type Cover } from '@rollcall/contracts';
import { useUsers } from '../../data/admin.ts';
import { useCreateCover, useDeleteCover } from '../../data/timetable.ts';
import { ErrorAlert } from '../../ui/Alert.tsx';
import { compareNames, t } from '../../core/i18n.ts';
import { formatDay } from '../../ui/format.ts';

const dayText = (day: string) => formatDay(day, 'long');

export function ClassCovers({ classId, className, covers }: { classId: string; className: string; covers: Cover[] }) {
  const users = useUsers();
  const create = useCreateCover();
  const remove = useDeleteCover();
  const [userId, setUserId] = useState('');
  const [day, setDay] = useState(() => deviceDay(new Date()));
  const teachers = (users.data?.items ?? [])
    .filter((u) => u.role === 'teacher' && !u.disabled && !u.classIds.includes(classId))
    .sort((a, b) => compareNames(a.name, b.name));
  const error = create.error ?? remove.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (userId) create.mutate({ params: { id: classId }, body: { userId, day } });
  };

  return (
    <section aria-label={t({ id: 'classes.covers.label', defaultMessage: 'Cover teachers of {className}' }, { className })}>
      <h4>{t({ id: 'classes.covers.title', defaultMessage: 'Cover for a day' })}</h4>
      {covers.length > 0 && (
        <ul className="period-list">
          {covers.map((c) => (
            <li key={c.id}>
              {t(
                { id: 'classes.covers.cover', defaultMessage: '{teacher} takes {className} on {day}' },
                { teacher: c.teacherName, className, day: dayText(c.day) },
              )}{' '}
              <button
                type="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ params: { id: c.id } })}
                aria-label={t({ id: 'classes.covers.remove', defaultMessage: 'Remove cover by {teacher}' }, { teacher: c.teacherName })}
              >
                {t({ id: 'common.remove', defaultMessage: 'Remove' })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={submit} aria-label={t({ id: 'classes.covers.new', defaultMessage: 'New cover for {className}' }, { className })}>
        <label>
          {t({ id: 'classes.covers.teacher', defaultMessage: 'Teacher' })}
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">{t({ id: 'classes.covers.chooseTeacher', defaultMessage: 'Choose a teacher' })}</option>
            {teachers.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t({ id: 'classes.covers.day', defaultMessage: 'Day' })}
          <input type="date" value={day} min={deviceDay(new Date())} onChange={(e) => setDay(e.target.value)} required />
        </label>
        <button type="submit" disabled={create.isPending || !userId}>
          {t({ id: 'classes.covers.assign', defaultMessage: 'Assign cover' })}
        </button>
      </form>
      <ErrorAlert error={error} />
    </section>
  );
}
