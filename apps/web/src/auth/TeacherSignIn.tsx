// A teacher signing in on a paired classroom laptop, without unpairing it: their session acts for
// them until they sign out, and the laptop is then the paired laptop again.
import { useState, type FormEvent } from 'react';
import { useSignIn } from '../core/useAuth.ts';
import { ErrorAlert } from '../ui/Alert.tsx';

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
      <summary>Teacher sign-in</summary>
      <form onSubmit={submit} aria-label="Teacher sign-in">
        <p className="hint">Signs you in on this laptop; when you sign out it is the classroom laptop again, still paired.</p>
        <label>
          Email
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorAlert error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </details>
  );
}
