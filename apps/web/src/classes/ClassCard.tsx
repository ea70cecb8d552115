// One class: its roster (editable by an admin) and its session controls.
import { useState } from 'react';
import type { CachedClass } from '../local/db.ts';
import type { RosterStudent } from '../data/local.ts';
import { useCurrentSession, useSetRoster, useStartSession, useUpdateSession } from '../data/remote.ts';
import { RosterPicker } from './RosterPicker.tsx';
import { ClassTimetable } from './timetable/ClassTimetable.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';

export function ClassCard({ cls, students, canEdit }: { cls: CachedClass; students: RosterStudent[]; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set(cls.studentIds));
  const [lateAfter, setLateAfter] = useState(10);
  const setRoster = useSetRoster();
  const current = useCurrentSession(cls.id);
  const start = useStartSession();
  const update = useUpdateSession();
  const session = current.data?.session ?? null;
  const names = new Map(students.map((s) => [s.studentId, s.name]));
  const error = setRoster.error ?? start.error ?? update.error;

  return (
    <article className="card class-card" aria-label={cls.name}>
      <header className="page-head">
        <h3>{cls.name}</h3>
        <span>
          {cls.studentIds.length} student{cls.studentIds.length === 1 ? '' : 's'}
        </span>
      </header>
      {session ? (
        <p role="status">
          Session running since {new Date(session.startsAt).toLocaleTimeString()} (late after {session.lateAfterMinutes} min).{' '}
          <button
            type="button"
            onClick={() =>
              update.mutate({ params: { id: session.id }, body: { endsAt: new Date().toISOString() } }, { onSuccess: () => void current.refetch() })
            }
          >
            End session
          </button>
        </p>
      ) : (
        <div className="row">
          <label>
            Late after (minutes)
            <input type="number" min={0} max={1440} value={lateAfter} onChange={(e) => setLateAfter(Number(e.target.value))} />
          </label>
          <button
            type="button"
            onClick={() => start.mutate({ classId: cls.id, lateAfterMinutes: lateAfter }, { onSuccess: () => void current.refetch() })}
            disabled={start.isPending}
          >
            Start session
          </button>
        </div>
      )}
      {!editing ? (
        <>
          <p className="roster-names">{cls.studentIds.map((id) => names.get(id) ?? id).join(', ') || 'No students on this roster yet.'}</p>
          {canEdit && (
            <button type="button" onClick={() => (setChosen(new Set(cls.studentIds)), setEditing(true))}>
              Choose students
            </button>
          )}
        </>
      ) : (
        <fieldset>
          <legend>Students in {cls.name}</legend>
          <RosterPicker students={students} chosen={chosen} onChange={setChosen} />
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => setRoster.mutate({ params: { id: cls.id }, body: { studentIds: [...chosen] } }, { onSuccess: () => setEditing(false) })}
            >
              Save roster
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </fieldset>
      )}
      {canEdit && <ClassTimetable classId={cls.id} className={cls.name} />}
      <ErrorAlert error={error} />
    </article>
  );
}
