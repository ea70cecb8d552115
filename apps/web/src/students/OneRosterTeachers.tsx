// Teachers named in OneRoster files: listed with their classes, and whether an account with their
// email already exists, so the admin knows whom to add on the Teachers page and whom to give the
// imported classes. Accounts are never made from the files: a password and a role are the admin's.
import { useUsers } from '../data/admin.ts';
import type { OneRosterTeacher } from './oneroster.ts';
import { t, translator } from '../core/i18n.ts';

export function OneRosterTeachers({ teachers }: { teachers: readonly OneRosterTeacher[] }) {
  const users = useUsers();
  if (teachers.length === 0) return null;
  const emails = new Set(users.data?.items.map((u) => u.email.toLowerCase()) ?? []);
  return (
    <div>
      <h4>
        {t({
          id: 'students.oneRoster.teachersTitle',
          defaultMessage: 'Teachers in the files: not imported. Add them, or give them their classes, on the Teachers page.',
        })}
      </h4>
      <ul aria-label={t({ id: 'students.oneRoster.teachers', defaultMessage: 'Teachers in the files' })}>
        {teachers.map((teacher) => (
          <li key={`${teacher.name}:${teacher.email}`}>
            {t(
              { id: 'students.oneRoster.teacher', defaultMessage: '{hasEmail, select, yes {{name} ({email})} other {{name}}}: {classes}' },
              {
                hasEmail: teacher.email ? 'yes' : 'no',
                name: teacher.name,
                email: teacher.email,
                classes: teacher.classes.length
                  ? translator().intl.formatList(teacher.classes, { type: 'unit' })
                  : t({ id: 'students.oneRoster.noClass', defaultMessage: 'no class' }),
              },
            )}
            {users.data && (
              <span className="hint">
                {' '}
                ·{' '}
                {teacher.email && emails.has(teacher.email.toLowerCase())
                  ? t({ id: 'students.oneRoster.hasAccount', defaultMessage: 'has an account' })
                  : t({ id: 'students.oneRoster.noAccount', defaultMessage: 'no account yet' })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
