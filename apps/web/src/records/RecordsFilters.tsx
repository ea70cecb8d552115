// The records filter bar: day range, class, a session of that class, and a student.
import { useId, useMemo } from 'react';
import { useCachedStudents } from '../data/local.ts';
import type { RecordsFilter } from '../data/records-filter.ts';
import { useClassList, useSessions } from './useRecords.ts';
import { formatWhen } from '../ui/format.ts';
import { compareNames, t } from '../core/i18n.ts';

export function RecordsFilters({ value, onChange }: { value: RecordsFilter; onChange: (f: RecordsFilter) => void }) {
  const classes = useClassList();
  const sessions = useSessions(value.classId);
  const students = useCachedStudents('');
  // The list offered as the teacher types, in the reader's alphabetical order.
  const sorted = useMemo(() => [...(students ?? [])].sort((a, b) => compareNames(a.name, b.name)), [students]);
  const set = (patch: Partial<RecordsFilter>) => onChange({ ...value, ...patch });
  // Labels point at their control (not wrap it), so a select's name is not followed by its options.
  const id = useId();

  return (
    <form className="card row filters" aria-label={t({ id: 'records.filter.label', defaultMessage: 'Filter records' })} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t({ id: 'records.filter.from', defaultMessage: 'From' })}</label>
        <input id={`${id}-from`} type="date" value={value.from} max={value.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t({ id: 'records.filter.to', defaultMessage: 'To' })}</label>
        <input id={`${id}-to`} type="date" value={value.to} min={value.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-class`}>{t({ id: 'records.filter.class', defaultMessage: 'Class' })}</label>
        <select id={`${id}-class`} value={value.classId} onChange={(e) => set({ classId: e.target.value, sessionId: '' })}>
          <option value="">{t({ id: 'records.allClasses', defaultMessage: 'All classes' })}</option>
          {classes.data?.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-session`}>{t({ id: 'records.filter.session', defaultMessage: 'Session' })}</label>
        <select id={`${id}-session`} value={value.sessionId} onChange={(e) => set({ sessionId: e.target.value })} disabled={!value.classId}>
          <option value="">
            {value.classId
              ? t({ id: 'records.filter.allSessions', defaultMessage: 'All sessions' })
              : t({ id: 'records.filter.chooseClass', defaultMessage: 'Choose a class first' })}
          </option>
          {sessions.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.active
                ? t({ id: 'records.sessionRunning', defaultMessage: '{when} (running)' }, { when: formatWhen(s.startsAt, 'minutes') })
                : formatWhen(s.startsAt, 'minutes')}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-student`}>{t({ id: 'records.filter.student', defaultMessage: 'Student' })}</label>
        <input
          id={`${id}-student`}
          list="records-students"
          value={value.studentId}
          onChange={(e) => set({ studentId: e.target.value })}
          placeholder={t({ id: 'records.filter.anyStudent', defaultMessage: 'Any student (id)' })}
        />
        <datalist id="records-students">
          {sorted.map((s) => (
            <option key={s.studentId} value={s.studentId}>
              {s.name}
            </option>
          ))}
        </datalist>
      </div>
      <button type="button" onClick={() => onChange({ ...value, classId: '', sessionId: '', studentId: '' })}>
        {t({ id: 'records.filter.reset', defaultMessage: 'Reset' })}
      </button>
    </form>
  );
}
