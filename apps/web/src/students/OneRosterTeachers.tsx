// Teachers named in OneRoster files: listed with their classes, and whether an account with their
// email already exists, so the admin knows whom to add on the Teachers page and whom to give the
// imported classes. Accounts are never made from the files: a password and a role are the admin's.
import { useUsers } from '../data/admin.ts';
import type { OneRosterTeacher } from './oneroster.ts';

export function OneRosterTeachers({ teachers }: { teachers: readonly OneRosterTeacher[] }) {
  const users = useUsers();
  if (teachers.length === 0) return null;
  const emails = new Set(users.data?.items.map((u) => u.email.toLowerCase()) ?? []);
  return (
    <div>
      <h4>Teachers in the files: not imported. Add them, or give them their classes, on the Teachers page.</h4>
      <ul aria-label="Teachers in the files">
        {teachers.map((t) => (
          <li key={`${t.name}:${t.email}`}>
            {t.name}
            {t.email && ` (${t.email})`}: {t.classes.join(', ') || 'no class'}
            {users.data && <span className="hint"> · {t.email && emails.has(t.email.toLowerCase()) ? 'has an account' : 'no account yet'}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
