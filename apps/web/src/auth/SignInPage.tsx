// Sign-in and first-run admin creation: the same small form, told which it is.
import { useState, type FormEvent } from 'react';
import { href } from '../core/router.ts';
import { useSetup, useSignIn } from '../core/useAuth.ts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

export function SignInPage({ firstRun, notice }: { firstRun: boolean; notice?: string | undefined }) {
  const signIn = useSignIn();
  const setup = useSetup();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const pending = signIn.isPending || setup.isPending;
  const error = signIn.error ?? setup.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (firstRun) setup.mutate({ email, name: name || email.split('@')[0]!, password });
    else signIn.mutate({ email, password });
  };

  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="auth-title">
        <h1 id="auth-title">
          {firstRun
            ? t({ id: 'auth.signIn.welcome', defaultMessage: 'Welcome to Rollcall' })
            : t({ id: 'auth.signIn.title', defaultMessage: 'Sign in to Rollcall' })}
        </h1>
        {firstRun && (
          <p>{t({ id: 'auth.signIn.firstRun', defaultMessage: 'Create the first admin account. This screen is shown only until an admin exists.' })}</p>
        )}
        {notice && <p className="notice">{notice}</p>}
        <label>
          {t({ id: 'auth.email', defaultMessage: 'Email' })}
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        {firstRun && (
          <label>
            {t({ id: 'auth.signIn.name', defaultMessage: 'Your name' })}
            <input type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label>
          {t({ id: 'auth.password', defaultMessage: 'Password' })}
          <input
            type="password"
            autoComplete={firstRun ? 'new-password' : 'current-password'}
            required
            minLength={firstRun ? 10 : 1}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {firstRun && (
          <p className="hint">{t({ id: 'auth.signIn.passwordHint', defaultMessage: 'At least 10 characters; a passphrase of a few words is best.' })}</p>
        )}
        <ErrorAlert error={error} />
        <button type="submit" className="primary" disabled={pending}>
          {firstRun ? t({ id: 'auth.signIn.createAdmin', defaultMessage: 'Create admin' }) : t({ id: 'auth.signIn.submit', defaultMessage: 'Sign in' })}
        </button>
        {!firstRun && (
          <p>
            <a href={href({ page: 'pair', code: '' })}>{t({ id: 'auth.pair.title', defaultMessage: 'Set up this classroom laptop' })}</a>
          </p>
        )}
      </form>
    </main>
  );
}
