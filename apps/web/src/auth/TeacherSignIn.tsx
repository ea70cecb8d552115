// A teacher signing in on a paired classroom laptop, without unpairing it: their session acts for
// them until they sign out, and the laptop is then the paired laptop again.
import { useState, type FormEvent } from 'react';
import { useSignIn } from '../core/useAuth.ts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

export function TeacherSignIn() {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password });
  };
  return (
    <details className="teacher-sign-in">
      <summary>{t({ id: 'auth.teacher.title', defaultMessage: 'Teacher sign-in' })}</summary>
      <form onSubmit={submit} aria-label={t({ id: 'auth.teacher.title', defaultMessage: 'Teacher sign-in' })}>
        <p className="hint">
          {t({ id: 'auth.teacher.hint', defaultMessage: 'Signs you in on this laptop; when you sign out it is the classroom laptop again, still paired.' })}
        </p>
        <label>
          {t({ id: 'auth.email', defaultMessage: 'Email' })}
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t({ id: 'auth.password', defaultMessage: 'Password' })}
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorAlert error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {t({ id: 'auth.signIn.submit', defaultMessage: 'Sign in' })}
        </button>
      </form>
    </details>
  );
}
