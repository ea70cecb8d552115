// One account on the Teachers page: its classes, a new password, disabling. Each action opens in
// the row itself so the admin never loses their place in the list.
import { useState, type FormEvent } from 'react';
import type { User } from '@rollcall/contracts';
import { useUpdateUser } from '../data/admin.ts';
import type { CachedClass } from '../local/db.ts';
import { PasswordField } from './PasswordField.tsx';
import { ClassChecks, classNames } from './ClassChecks.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';

type Open = null | 'classes' | 'password' | 'disable';

export function TeacherRow({ user, classes, isSelf }: { user: User; classes: readonly CachedClass[]; isSelf: boolean }) {
  const update = useUpdateUser();
  const [open, setOpen] = useState<Open>(null);
  const [classIds, setClassIds] = useState<string[]>(user.classIds);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const disabled = user.disabled;

  const run = (body: Parameters<typeof update.mutate>[0]['body'], message: string) =>
    update.mutate({ params: { id: user.id }, body }, { onSuccess: () => (setOpen(null), setPassword(''), setDone(message)) });
  const toggle = (which: Open) => {
    setDone(null);
    update.reset();
    setOpen(open === which ? null : which);
  };
  const savePassword = (e: FormEvent) => {
    e.preventDefault();
    run({ password }, `New password set for ${user.name}. Tell them in person; they are signed out everywhere.`);
  };

  return (
    <li className="card account">
      <div className="page-head">
        <div>
          <strong>{user.name}</strong> <span className="hint">{user.email}</span>{' '}
          <span className={`pill ${user.role === 'admin' ? 'ok' : ''}`}>{user.role === 'admin' ? 'Admin' : 'Teacher'}</span>
          {disabled && <span className="pill bad">Disabled</span>}
          <div className="hint">{user.role === 'admin' ? 'Sees every class' : `Classes: ${classNames(classes, user.classIds)}`}</div>
        </div>
        <div className="row">
          {user.role === 'teacher' && (
            <button type="button" aria-expanded={open === 'classes'} onClick={() => toggle('classes')}>
              Classes of {user.name}
            </button>
          )}
          <button type="button" aria-expanded={open === 'password'} onClick={() => toggle('password')}>
            Reset password of {user.name}
          </button>
          {!isSelf && (
            <button type="button" aria-expanded={open === 'disable'} onClick={() => toggle('disable')}>
              {disabled ? `Enable ${user.name}` : `Disable ${user.name}`}
            </button>
          )}
        </div>
      </div>
      {open === 'classes' && (
        <div className="row">
          <ClassChecks legend={`Classes ${user.name} teaches`} classes={classes} value={classIds} onChange={setClassIds} />
          <button type="button" className="primary" disabled={update.isPending} onClick={() => run({ classIds }, `Classes of ${user.name} saved.`)}>
            Save classes
          </button>
        </div>
      )}
      {open === 'password' && (
        <form className="row" onSubmit={savePassword} aria-label={`New password for ${user.name}`}>
          <PasswordField label="New password" value={password} onChange={setPassword} />
          <button type="submit" className="primary" disabled={update.isPending}>
            Set password
          </button>
          <p className="hint">At least 10 characters. {user.name} is signed out on every device and their personal tokens stop working.</p>
        </form>
      )}
      {open === 'disable' && (
        <div className="row">
          <p>
            {disabled
              ? `${user.name} will be able to sign in again.`
              : `${user.name} is signed out at once and cannot sign in until enabled again. Their marks stay.`}
          </p>
          <button
            type="button"
            className={disabled ? 'primary' : 'danger'}
            disabled={update.isPending}
            onClick={() => run({ disabled: !disabled }, disabled ? `${user.name} is enabled.` : `${user.name} is disabled.`)}
          >
            {disabled ? 'Enable account' : 'Disable account'}
          </button>
        </div>
      )}
      <ErrorAlert error={update.error} />
      {done && <p role="status">{done}</p>}
    </li>
  );
}
