// Teachers (admins only): create accounts, choose each teacher's classes, reset a forgotten
// password, disable an account that should no longer sign in.
import { useState, type FormEvent } from 'react';
import { useCreateUser, useUsers } from '../data/admin.ts';
import { useCachedClasses } from '../data/local.ts';
import { errorText } from '../ui/messages.ts';
import { PasswordField } from './PasswordField.tsx';
import { ClassChecks } from './ClassChecks.tsx';
import { TeacherRow } from './TeacherRow.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

function NewAccount({ onDone }: { onDone: (message: string) => void }) {
  const create = useCreateUser();
  const classes = useCachedClasses() ?? [];
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<'teacher' | 'admin'>('teacher');
  const [classIds, setClassIds] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { body: { name, email, password, role, classIds: role === 'teacher' ? classIds : [] } },
      {
        onSuccess: (u) => onDone(t({ id: 'admin.teachers.created', defaultMessage: '{name} can now sign in with {email}.' }, { name: u.name, email: u.email })),
      },
    );
  };
  return (
    <form className="card" onSubmit={submit} aria-label={t({ id: 'admin.teachers.new', defaultMessage: 'New account' })}>
      <div className="row">
        <label>
          {t({ id: 'admin.teachers.name', defaultMessage: 'Name' })}
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <label>
          {t({ id: 'admin.teachers.email', defaultMessage: 'Email' })}
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <PasswordField label={t({ id: 'admin.teachers.firstPassword', defaultMessage: 'First password' })} value={password} onChange={setPassword} />
        <label>
          {t({ id: 'admin.teachers.role', defaultMessage: 'Role' })}
          <select value={role} onChange={(e) => setRole(e.target.value as 'teacher' | 'admin')}>
            <option value="teacher">{t({ id: 'admin.teachers.roleTeacher', defaultMessage: 'Teacher (their classes only)' })}</option>
            <option value="admin">{t({ id: 'admin.teachers.roleAdmin', defaultMessage: 'Admin (everything)' })}</option>
          </select>
        </label>
      </div>
      {role === 'teacher' && (
        <ClassChecks
          legend={t({ id: 'admin.teachers.classes', defaultMessage: 'Classes they teach' })}
          classes={classes}
          value={classIds}
          onChange={setClassIds}
        />
      )}
      <p className="hint">
        {t({ id: 'admin.teachers.passwordHint', defaultMessage: 'Give the first password to the teacher in person; at least 10 characters.' })}
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t({ id: 'admin.teachers.create', defaultMessage: 'Create account' })}
        </button>
      </div>
      <ErrorAlert error={create.error} />
    </form>
  );
}

export function TeachersPage({ selfId }: { selfId: string }) {
  const users = useUsers();
  const classes = useCachedClasses() ?? [];
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="teachers-title">
      <div className="page-head">
        <h2 id="teachers-title">{t({ id: 'admin.teachers.title', defaultMessage: 'Teachers' })}</h2>
        <button type="button" className="primary" onClick={() => (setAdding(true), setNotice(null))} disabled={adding}>
          {t({ id: 'admin.teachers.add', defaultMessage: 'Add teacher' })}
        </button>
      </div>
      {adding && <NewAccount onDone={(m) => (setAdding(false), setNotice(m))} />}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {users.error ? (
        <Alert>{errorText(users.error)}</Alert>
      ) : !users.data ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : (
        <ul className="plain" aria-label={t({ id: 'admin.teachers.accounts', defaultMessage: 'Accounts' })}>
          {users.data.items.map((u) => (
            <TeacherRow key={u.id} user={u} classes={classes} isSelf={u.id === selfId} />
          ))}
        </ul>
      )}
    </section>
  );
}
