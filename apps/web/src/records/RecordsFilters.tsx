// The records filter bar: day range, class, a session of that class, and a student.
import { useId } from 'react';
import { useCachedStudents } from '../data/local.ts';
import type { RecordsFilter } from '../data/records-filter.ts';
import { useClassList, useSessions } from './useRecords.ts';
import { formatWhen } from '../ui/format.ts';

export function RecordsFilters({ value, onChange }: { value: RecordsFilter; onChange: (f: RecordsFilter) => void }) {
  const classes = useClassList();
  const sessions = useSessions(value.classId);
  const students = useCachedStudents('');
  const set = (patch: Partial<RecordsFilter>) => onChange({ ...value, ...patch });
  // Labels point at their control (not wrap it), so a select's name is not followed by its options.
  const id = useId();

  return (
    <form className="card row filters" aria-label="Filter records" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={value.from} max={value.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={value.to} min={value.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-class`}>Class</label>
        <select id={`${id}-class`} value={value.classId} onChange={(e) => set({ classId: e.target.value, sessionId: '' })}>
          <option value="">All classes</option>
          {classes.data?.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-session`}>Session</label>
        <select id={`${id}-session`} value={value.sessionId} onChange={(e) => set({ sessionId: e.target.value })} disabled={!value.classId}>
          <option value="">{value.classId ? 'All sessions' : 'Choose a class first'}</option>
          {sessions.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {formatWhen(s.startsAt, 'minutes')}
              {s.active ? ' (running)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-student`}>Student</label>
        <input
          id={`${id}-student`}
          list="records-students"
          value={value.studentId}
          onChange={(e) => set({ studentId: e.target.value })}
          placeholder="Any student (id)"
        />
        <datalist id="records-students">
          {students?.map((s) => (
            <option key={s.studentId} value={s.studentId}>
              {s.name}
            </option>
          ))}
        </datalist>
      </div>
      <button type="button" onClick={() => onChange({ ...value, classId: '', sessionId: '', studentId: '' })}>
        Reset
      </button>
    </form>
  );
}
