// One account on the Teachers page: its classes, a new password, disabling. Each action opens in
// the row itself so the admin never loses their place in the list.
import { useState, type FormEvent } from 'react';
import type { User } from '@rollcall/contracts';
import { useUpdateUser } from '../data/admin.ts';
import type { CachedClass } from '../local/db.ts';
import { PasswordField } from './PasswordField.tsx';
import { ClassChecks, classNames } from './ClassChecks.tsx';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

type Open = null | 'classes' | 'password' | 'disable';

export function TeacherRow({ user, classes, isSelf }: { user: User; classes: readonly CachedClass[]; isSelf: boolean }) {
  const update = useUpdateUser();
  const [open, setOpen] = useState<Open>(null);
  const [classIds, setClassIds] = useState<string[]>(user.classIds);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const disabled = user.disabled;

  const name = user.name;
  const run = (body: Parameters<typeof update.mutate>[0]['body'], message: string) =>
    update.mutate({ params: { id: user.id }, body }, { onSuccess: () => (setOpen(null), setPassword(''), setDone(message)) });
  const toggle = (which: Open) => {
    setDone(null);
    update.reset();
    setOpen(open === which ? null : which);
  };
  const savePassword = (e: FormEvent) => {
    e.preventDefault();
    run(
      { password },
      t({ id: 'admin.teacher.passwordSet', defaultMessage: 'New password set for {name}. Tell them in person; they are signed out everywhere.' }, { name }),
    );
  };

  return (
    <li className="card account">
      <div className="page-head">
        <div>
          <strong>{user.name}</strong> <span className="hint">{user.email}</span>{' '}
          <span className={`pill ${user.role === 'admin' ? 'ok' : ''}`}>
            {user.role === 'admin'
              ? t({ id: 'admin.teacher.roleAdmin', defaultMessage: 'Admin' })
              : t({ id: 'admin.teacher.roleTeacher', defaultMessage: 'Teacher' })}
          </span>
          {disabled && <span className="pill bad">{t({ id: 'admin.teacher.disabled', defaultMessage: 'Disabled' })}</span>}
          <div className="hint">
            {user.role === 'admin'
              ? t({ id: 'admin.teacher.seesAll', defaultMessage: 'Sees every class' })
              : t({ id: 'admin.teacher.classes', defaultMessage: 'Classes: {classes}' }, { classes: classNames(classes, user.classIds) })}
          </div>
        </div>
        <div className="row">
          {user.role === 'teacher' && (
            <button type="button" aria-expanded={open === 'classes'} onClick={() => toggle('classes')}>
              {t({ id: 'admin.teacher.classesOf', defaultMessage: 'Classes of {name}' }, { name })}
            </button>
          )}
          <button type="button" aria-expanded={open === 'password'} onClick={() => toggle('password')}>
            {t({ id: 'admin.teacher.resetPassword', defaultMessage: 'Reset password of {name}' }, { name })}
          </button>
          {!isSelf && (
            <button type="button" aria-expanded={open === 'disable'} onClick={() => toggle('disable')}>
              {disabled
                ? t({ id: 'admin.teacher.enable', defaultMessage: 'Enable {name}' }, { name })
                : t({ id: 'admin.teacher.disable', defaultMessage: 'Disable {name}' }, { name })}
            </button>
          )}
        </div>
      </div>
      {open === 'classes' && (
        <div className="row">
          <ClassChecks
            legend={t({ id: 'admin.teacher.classesLegend', defaultMessage: 'Classes {name} teaches' }, { name })}
            classes={classes}
            value={classIds}
            onChange={setClassIds}
          />
          <button
            type="button"
            className="primary"
            disabled={update.isPending}
            onClick={() => run({ classIds }, t({ id: 'admin.teacher.classesSaved', defaultMessage: 'Classes of {name} saved.' }, { name }))}
          >
            {t({ id: 'admin.teacher.saveClasses', defaultMessage: 'Save classes' })}
          </button>
        </div>
      )}
      {open === 'password' && (
        <form
          className="row"
          onSubmit={savePassword}
          aria-label={t({ id: 'admin.teacher.newPasswordFor', defaultMessage: 'New password for {name}' }, { name })}
        >
          <PasswordField label={t({ id: 'admin.teacher.newPassword', defaultMessage: 'New password' })} value={password} onChange={setPassword} />
          <button type="submit" className="primary" disabled={update.isPending}>
            {t({ id: 'admin.teacher.setPassword', defaultMessage: 'Set password' })}
          </button>
          <p className="hint">
            {t(
              {
                id: 'admin.teacher.passwordHint',
                defaultMessage: 'At least 10 characters. {name} is signed out on every device and their personal tokens stop working.',
              },
              { name },
            )}
          </p>
        </form>
      )}
      {open === 'disable' && (
        <div className="row">
          <p>
            {disabled
              ? t({ id: 'admin.teacher.enableHint', defaultMessage: '{name} will be able to sign in again.' }, { name })
              : t(
                  { id: 'admin.teacher.disableHint', defaultMessage: '{name} is signed out at once and cannot sign in until enabled again. Their marks stay.' },
                  { name },
                )}
          </p>
          <button
            type="button"
            className={disabled ? 'primary' : 'danger'}
            disabled={update.isPending}
            onClick={() =>
              run(
                { disabled: !disabled },
                disabled
                  ? t({ id: 'admin.teacher.enabled', defaultMessage: '{name} is enabled.' }, { name })
                  : t({ id: 'admin.teacher.disabledDone', defaultMessage: '{name} is disabled.' }, { name }),
              )
            }
          >
            {disabled
              ? t({ id: 'admin.teacher.enableAccount', defaultMessage: 'Enable account' })
              : t({ id: 'admin.teacher.disableAccount', defaultMessage: 'Disable account' })}
          </button>
        </div>
      )}
      <ErrorAlert error={update.error} />
      {done && <p role="status">{done}</p>}
    </li>
  );
}
