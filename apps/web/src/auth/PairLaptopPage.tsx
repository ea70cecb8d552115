// On a classroom laptop, signed out: type the pairing code an admin was shown when registering
// the laptop. The server answers with the laptop's device cookie, and the app opens as the laptop.
import { useState, type FormEvent } from 'react';
import { href } from '../core/router.ts';
import { usePairDevice } from '../data/admin.ts';
import { ErrorAlert } from '../ui/Alert.tsx';

export function PairLaptopPage({ initialCode }: { initialCode: string }) {
  const pair = usePairDevice();
  const [code, setCode] = useState(initialCode);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    pair.mutate(code, { onSuccess: () => void (location.hash = href({ page: 'attendance' })) });
  };
  return (
    <main className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="pair-title">
        <h1 id="pair-title">Set up this classroom laptop</h1>
        <p>Type the pairing code shown to the admin who registered this laptop (on the Classroom laptops page).</p>
        <label>
          Pairing code
          <input
            className="pairing-input"
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            placeholder="ABCD-EFGH"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoFocus
          />
        </label>
        <ErrorAlert error={pair.error} />
        <button type="submit" className="primary" disabled={pair.isPending}>
          Pair laptop
        </button>
        <p>
          <a href={href({ page: 'attendance' })}>Sign in with an account instead</a>
        </p>
      </form>
    </main>
  );
}
