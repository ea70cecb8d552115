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

function DeleteConfirm({ student, onDone }: { student: RosterStudent; onDone: () => void }) {
  const del = useDeleteStudent();
  const [keepMarks, setKeepMarks] = useState(true);
  return (
    <div role="alertdialog" aria-label={`Delete ${student.name}`} className="confirm">
      <p>
        Delete <strong>{student.name}</strong> ({student.studentId})? Their face data is deleted at once, here and on every classroom device at its next sync.
      </p>
      <label className="inline">
        <input type="checkbox" checked={keepMarks} onChange={(e) => setKeepMarks(e.target.checked)} /> Keep their attendance records
      </label>
      <ErrorAlert error={del.error} />
      <div className="row">
        <button
          type="button"
          className="danger"
          disabled={del.isPending}
          onClick={() => del.mutate({ params: { studentId: student.studentId }, query: { keepMarks: keepMarks ? 'true' : 'false' } }, { onSuccess: onDone })}
        >
          Delete
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The face-photo cell: how many, how many really different, and what to add. */
function Enrolment({ student: s }: { student: RosterStudent }) {
  const { level, photos, views, advice } = s.strength;
  if (s.cameraFree) return <>{photos}</>;
  return (
    <>
      {photos}
      {photos > views && <span className="muted"> ({views} different)</span>}
      {s.learned > 0 && <span className="hint"> + {s.learned} learned</span>}
      {level !== 'good' && (
        <span className={`badge ${level === 'fair' ? 'info' : 'warn'}`} title={advice ?? undefined}>
          {level === 'none' ? 'not enrolled' : level === 'weak' ? 'weak: add photos' : 'fair: add a photo'}
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
        <h2 id="students-title">Students</h2>
        {canEdit && (
          <div className="row">
            <button type="button" className="primary" onClick={() => navigate({ page: 'student-new' })}>
              Add student
            </button>
            <a className="button" href={href({ page: 'import-roster' })}>
              Import roster CSV
            </a>
            <a className="button" href={href({ page: 'import-folder' })}>
              Import photo folder
            </a>
          </div>
        )}
      </div>
      <label className="search">
        Search students
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or student ID" />
      </label>
      <label className="inline">
        Sort by{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          <option value="id">Student ID</option>
          <option value="name">Name</option>
          <option value="weakest">Weakest face enrolment first</option>
        </select>
      </label>
      {deleting && <DeleteConfirm student={deleting} onDone={() => setDeleting(null)} />}
      {students === undefined ? (
        <p>Loading…</p>
      ) : students.length === 0 ? (
        <div className="empty">
          {search ? <p>No student matches “{search}”.</p> : <p>No students yet. Add one, or import a roster CSV or a folder of photos.</p>}
        </div>
      ) : (
        <table className="list stack" aria-label="Students">
          <thead>
            <tr>
              <th scope="col">Student ID</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Face photos</th>
              {canEdit && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {students.map((s) => (
              <tr key={s.studentId}>
                <td data-label="Student ID">{s.studentId}</td>
                <td data-label="Name">
                  {s.name}
                  <ConsentBadge student={s} />
                </td>
                <td data-label="Email">{s.email ?? ''}</td>
                <td data-label="Face photos">
                  <Enrolment student={s} />
                </td>
                {canEdit && (
                  <td className="actions">
                    <a href={href({ page: 'student', studentId: s.studentId })} aria-label={`Edit ${s.name}`}>
                      Edit
                    </a>
                    <button type="button" className="link danger" onClick={() => setDeleting(s)} aria-label={`Delete ${s.name}`}>
                      Delete
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
  if (!all) return <p>Loading…</p>;
  const names = new Map(all.map((s) => [s.studentId, s.name]));
  const existing = studentId ? (all.find((s) => s.studentId === studentId) ?? null) : null;
  if (studentId && !existing) return <p role="alert">No student {studentId} on this device.</p>;
  return (
    <section aria-labelledby="student-edit-title">
      <h2 id="student-edit-title">{existing ? `${existing.name} (${existing.studentId})` : 'Add student'}</h2>
      {existing && (
        <p>
          {existing.faces} face photo{existing.faces === 1 ? '' : 's'} enrolled
          {existing.learned > 0 && `, and ${existing.learned} view${existing.learned === 1 ? '' : 's'} learned from recognitions`}.{' '}
          {existing.cameraFree ? 'Add more photos below.' : (existing.strength.advice ?? 'Enough different views; more photos from other days still help.')}
        </p>
      )}
      <StudentForm existing={existing} names={names} />
      {existing && <LearnedFaces studentId={existing.studentId} name={existing.name} />}
      {existing && <GuardiansPanel studentId={existing.studentId} name={existing.name} />}
      {existing && <ConsentPanel studentId={existing.studentId} name={existing.name} />}
    </section>
  );
}
