// Students: search the roster cached on this device, add, edit or delete (with confirmation), and
// see who needs more photos. Works offline for reading; changes need the server.
import { useState } from 'react';
import { href, navigate } from '../core/router.ts';
import { useCachedStudents, type RosterStudent } from '../data/local.ts';
import { useDeleteStudent } from '../data/remote.ts';
import { ConsentBadge } from '../ui/ConsentBadge.tsx';
import { ConsentPanel } from './ConsentPanel.tsx';
import { GuardiansPanel } from './GuardiansPanel.tsx';
import { LearnedFaces } from './LearnedFaces.tsx';
import { sortStudents, type SortKey } from './sort-students.ts';
import { StudentForm } from './StudentForm.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t, tx } from '../core/i18n.ts';
import { adviceText } from './strength-text.ts';

function DeleteConfirm({ student, onDone }: { student: RosterStudent; onDone: () => void }) {
  const del = useDeleteStudent();
  const [keepMarks, setKeepMarks] = useState(true);
  return (
    <div role="alertdialog" aria-label={t({ id: 'students.delete.label', defaultMessage: 'Delete {name}' }, { name: student.name })} className="confirm">
      <p>
        {tx(
          {
            id: 'students.delete.question',
            defaultMessage:
              'Delete <strong>{name}</strong> ({studentId})? Their face data is deleted at once, here and on every classroom device at its next sync.',
          },
          { name: student.name, studentId: student.studentId, strong: (chunks: React.ReactNode) => <strong>{chunks}</strong> },
        )}
      </p>
      <label className="inline">
        <input type="checkbox" checked={keepMarks} onChange={(e) => setKeepMarks(e.target.checked)} />{' '}
        {t({ id: 'students.delete.keepMarks', defaultMessage: 'Keep their attendance records' })}
      </label>
      <ErrorAlert error={del.error} />
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={del.isPending}
          onClick={() => del.mutate({ params: { studentId: student.studentId }, query: { keepMarks: keepMarks ? 'true' : 'false' } }, { onSuccess: onDone })}
        >
          {t({ id: 'students.delete.confirm', defaultMessage: 'Delete' })}
        </button>
        <button type="button" onClick={onDone}>
          {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
        </button>
      </div>
    </div>
  );
}

/** The face-photo cell: how many, how many really different, and what to add. */
function Enrolment({ student: s }: { student: RosterStudent }) {
  const { level, photos, views } = s.strength;
  if (s.cameraFree) return <>{photos}</>;
  return (
    <>
      {photos}
      {photos > views && <span className="muted"> {t({ id: 'students.list.different', defaultMessage: '({views} different)' }, { views })}</span>}
      {s.learned > 0 && <span className="hint"> {t({ id: 'students.list.learned', defaultMessage: '+ {learned} learned' }, { learned: s.learned })}</span>}
      {level !== 'good' && (
        <span className={`badge ${level === 'fair' ? 'info' : 'warn'}`} title={adviceText(s.strength) ?? undefined}>
          {t(
            { id: 'students.list.level', defaultMessage: '{level, select, none {not enrolled} weak {weak: add photos} other {fair: add a photo}}' },
            { level },
          )}
        </span>
      )}
    </>
  );
}

export function StudentsPage({ canEdit }: { canEdit: boolean }) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('id');
  const [deleting, setDeleting] = useState<RosterStudent | null>(null);
  const cached = useCachedStudents(search);
  const students = cached && sortStudents(cached, sort);
  return (
    <section aria-labelledby="students-title">
      <div className="page-head">
        <h2 id="students-title">{t({ id: 'students.list.title', defaultMessage: 'Students' })}</h2>
        {canEdit && (
          <div className="row">
            <button type="button" className="primary" onClick={() => navigate({ page: 'student-new' })}>
              {t({ id: 'students.list.add', defaultMessage: 'Add student' })}
            </button>
            <a className="button" href={href({ page: 'import-roster' })}>
              {t({ id: 'students.list.importRoster', defaultMessage: 'Import roster CSV' })}
            </a>
            <a className="button" href={href({ page: 'import-folder' })}>
              {t({ id: 'students.list.importFolder', defaultMessage: 'Import photo folder' })}
            </a>
          </div>
        )}
      </div>
      <label className="search">
        {t({ id: 'students.list.search', defaultMessage: 'Search students' })}
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t({ id: 'students.list.searchHint', defaultMessage: 'Name or student ID' })}
        />
      </label>
      <label className="inline">
        {t({ id: 'students.list.sortBy', defaultMessage: 'Sort by' })}{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          <option value="id">{t({ id: 'students.column.studentId', defaultMessage: 'Student ID' })}</option>
          <option value="name">{t({ id: 'students.column.name', defaultMessage: 'Name' })}</option>
          <option value="weakest">{t({ id: 'students.list.sortWeakest', defaultMessage: 'Weakest face enrolment first' })}</option>
        </select>
      </label>
      {deleting && <DeleteConfirm student={deleting} onDone={() => setDeleting(null)} />}
      {students === undefined ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : students.length === 0 ? (
        <div className="empty">
          {search ? (
            <p>{t({ id: 'students.list.noMatch', defaultMessage: 'No student matches “{search}”.' }, { search })}</p>
          ) : (
            <p>{t({ id: 'students.list.empty', defaultMessage: 'No students yet. Add one, or import a roster CSV or a folder of photos.' })}</p>
          )}
        </div>
      ) : (
        <table className="list stack" aria-label={t({ id: 'students.list.title', defaultMessage: 'Students' })}>
          <thead>
            <tr>
              <th scope="col">{t({ id: 'students.column.studentId', defaultMessage: 'Student ID' })}</th>
              <th scope="col">{t({ id: 'students.column.name', defaultMessage: 'Name' })}</th>
              <th scope="col">{t({ id: 'students.column.email', defaultMessage: 'Email' })}</th>
              <th scope="col">{t({ id: 'students.column.facePhotos', defaultMessage: 'Face photos' })}</th>
              {canEdit && (
                <th scope="col">
                  <span className="sr-only">{t({ id: 'students.column.actions', defaultMessage: 'Actions' })}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {students.map((s) => (
              <tr key={s.studentId}>
                <td data-label={t({ id: 'students.column.studentId', defaultMessage: 'Student ID' })}>{s.studentId}</td>
                <td data-label={t({ id: 'students.column.name', defaultMessage: 'Name' })}>
                  {s.name}
                  <ConsentBadge student={s} />
                </td>
                <td data-label={t({ id: 'students.column.email', defaultMessage: 'Email' })}>{s.email ?? ''}</td>
                <td data-label={t({ id: 'students.column.facePhotos', defaultMessage: 'Face photos' })}>
                  <Enrolment student={s} />
                </td>
                {canEdit && (
                  <td className="actions">
                    <a
                      href={href({ page: 'student', studentId: s.studentId })}
                      aria-label={t({ id: 'students.list.editName', defaultMessage: 'Edit {name}' }, { name: s.name })}
                    >
                      {t({ id: 'students.list.edit', defaultMessage: 'Edit' })}
                    </a>
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => setDeleting(s)}
                      aria-label={t({ id: 'students.delete.label', defaultMessage: 'Delete {name}' }, { name: s.name })}
                    >
                      {t({ id: 'students.delete.confirm', defaultMessage: 'Delete' })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function StudentEditPage({ studentId }: { studentId: string | null }) {
  const all = useCachedStudents('');
  if (!all) return <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>;
  const names = new Map(all.map((s) => [s.studentId, s.name]));
  const existing = studentId ? (all.find((s) => s.studentId === studentId) ?? null) : null;
  if (studentId && !existing)
    return <p role="alert">{t({ id: 'students.edit.notHere', defaultMessage: 'No student {studentId} on this device.' }, { studentId })}</p>;
  return (
    <section aria-labelledby="student-edit-title">
      <h2 id="student-edit-title">
        {existing
          ? t({ id: 'students.edit.title', defaultMessage: '{name} ({studentId})' }, { name: existing.name, studentId: existing.studentId })
          : t({ id: 'students.list.add', defaultMessage: 'Add student' })}
      </h2>
      {existing && (
        <p>
          {t(
            {
              id: 'students.edit.enrolled',
              defaultMessage:
                '{faces, plural, one {# face photo} other {# face photos}} enrolled{learned, plural, =0 {} one {, and # view learned from recognitions} other {, and # views learned from recognitions}}.',
            },
            { faces: existing.faces, learned: existing.learned },
          )}{' '}
          {existing.cameraFree
            ? t({ id: 'students.edit.addMore', defaultMessage: 'Add more photos below.' })
            : (adviceText(existing.strength) ??
              t({ id: 'students.edit.enough', defaultMessage: 'Enough different views; more photos from other days still help.' }))}
        </p>
      )}
      <StudentForm existing={existing} names={names} />
      {existing && <LearnedFaces studentId={existing.studentId} name={existing.name} />}
      {existing && <GuardiansPanel studentId={existing.studentId} name={existing.name} />}
      {existing && <ConsentPanel studentId={existing.studentId} name={existing.name} />}
    </section>
  );
}
