// One class: its roster (editable by an admin) and its session controls.
import { useState } from 'react';
import type { CachedClass } from '../local/db.ts';
import type { RosterStudent } from '../data/local.ts';
import { useCurrentSession, useSetRoster, useStartSession, useUpdateSession } from '../data/remote.ts';
import { RosterPicker } from './RosterPicker.tsx';
import { ClassTimetable } from './timetable/ClassTimetable.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';
import { formatLocale, t, translator } from '../core/i18n.ts';

/** The roster's names as a plain list ("Ann Lee, Bo Chen"), joined the language's way. */
const rosterText = (names: string[]) => translator().intl.formatList(names, { type: 'unit', style: 'short' });

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
          {t({ id: 'classes.card.students', defaultMessage: '{count, plural, one {# student} other {# students}}' }, { count: cls.studentIds.length })}
        </span>
      </header>
      {session ? (
        <p role="status">
          {t(
            { id: 'classes.card.sessionRunning', defaultMessage: 'Session running since {time} (late after {minutes} min).' },
            {
              time: new Date(session.startsAt).toLocaleTimeString(formatLocale()),
              minutes: session.lateAfterMinutes,
            },
          )}{' '}
          <button
            type="button"
            onClick={() =>
              update.mutate({ params: { id: session.id }, body: { endsAt: new Date().toISOString() } }, { onSuccess: () => void current.refetch() })
            }
          >
            {t({ id: 'classes.card.endSession', defaultMessage: 'End session' })}
          </button>
        </p>
      ) : (
        <div className="row">
          <label>
            {t({ id: 'classes.card.lateAfter', defaultMessage: 'Late after (minutes)' })}
            <input type="number" min={0} max={1440} value={lateAfter} onChange={(e) => setLateAfter(Number(e.target.value))} />
          </label>
          <button
            type="button"
            onClick={() => start.mutate({ classId: cls.id, lateAfterMinutes: lateAfter }, { onSuccess: () => void current.refetch() })}
            disabled={start.isPending}
          >
            {t({ id: 'classes.card.startSession', defaultMessage: 'Start session' })}
          </button>
        </div>
      )}
      {!editing ? (
        <>
          <p className="roster-names">
            {cls.studentIds.length > 0
              ? rosterText(cls.studentIds.map((id) => names.get(id) ?? id))
              : t({ id: 'classes.card.noStudents', defaultMessage: 'No students on this roster yet.' })}
          </p>
          {canEdit && (
            <button type="button" onClick={() => (setChosen(new Set(cls.studentIds)), setEditing(true))}>
              {t({ id: 'classes.card.chooseStudents', defaultMessage: 'Choose students' })}
            </button>
          )}
        </>
      ) : (
        <fieldset>
          <legend>{t({ id: 'classes.card.rosterLegend', defaultMessage: 'Students in {className}' }, { className: cls.name })}</legend>
          <RosterPicker students={students} chosen={chosen} onChange={setChosen} />
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => setRoster.mutate({ params: { id: cls.id }, body: { studentIds: [...chosen] } }, { onSuccess: () => setEditing(false) })}
            >
              {t({ id: 'classes.card.saveRoster', defaultMessage: 'Save roster' })}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
            </button>
          </div>
        </fieldset>
      )}
      {canEdit && <ClassTimetable classId={cls.id} className={cls.name} />}
      <ErrorAlert error={error} />
    </article>
  );
}
