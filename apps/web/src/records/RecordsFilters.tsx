// The records filter bar: day range, class, a session of that class, and a student.
import { useCachedStudents } from '../data/local.ts';
import type { RecordsFilter } from './filter.ts';
import { useClassList, useSessions } from './useRecords.ts';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function RecordsFilters({ value, onChange }: { value: RecordsFilter; onChange: (f: RecordsFilter) => void }) {
  const classes = useClassList();
  const sessions = useSessions(value.classId);
  const students = useCachedStudents('');
  const set = (patch: Partial<RecordsFilter>) => onChange({ ...value, ...patch });

  return (
    <form className="card row filters" aria-label="Filter records" onSubmit={(e) => e.preventDefault()}>
      <label>
        From
        <input type="date" value={value.from} max={value.to || undefined} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label>
        To
        <input type="date" value={value.to} min={value.from || undefined} onChange={(e) => set({ to: e.target.value })} />
      </label>
      <label>
        Class
        <select value={value.classId} onChange={(e) => set({ classId: e.target.value, sessionId: '' })}>
          <option value="">All classes</option>
          {classes.data?.items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Session
        <select value={value.sessionId} onChange={(e) => set({ sessionId: e.target.value })} disabled={!value.classId}>
          <option value="">{value.classId ? 'All sessions' : 'Choose a class first'}</option>
          {sessions.data?.items.map((s) => (
            <option key={s.id} value={s.id}>
              {when(s.startsAt)}
              {s.active ? ' (running)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        Student
        <input list="records-students" value={value.studentId} onChange={(e) => set({ studentId: e.target.value })} placeholder="Any student (id)" />
        <datalist id="records-students">
          {students?.map((s) => (
            <option key={s.studentId} value={s.studentId}>
              {s.name}
            </option>
          ))}
        </datalist>
      </label>
      <button type="button" onClick={() => onChange({ ...value, classId: '', sessionId: '', studentId: '' })}>
        Reset
      </button>
    </form>
  );
}
