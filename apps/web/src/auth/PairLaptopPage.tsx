// On a classroom laptop, signed out: type the pairing code an admin was shown when registering
// the laptop. The server answers with the laptop's device cookie, and the app opens as the laptop.
import { useState, type FormEvent } from 'react';
import { href } from '../core/router.ts';
import { usePairDevice } from '../data/admin.ts';
import { ErrorAlert } from '../ui/Alert.tsx';
import { t } from '../core/i18n.ts';

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
        <h1 id="pair-title">{t({ id: 'auth.pair.title', defaultMessage: 'Set up this classroom laptop' })}</h1>
        <p>
          {t({ id: 'auth.pair.intro', defaultMessage: 'Type the pairing code shown to the admin who registered this laptop (on the Classroom laptops page).' })}
        </p>
        <label>
          {t({ id: 'auth.pair.code', defaultMessage: 'Pairing code' })}
          <input
            className="pairing-input"
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            placeholder={t({ id: 'auth.pair.codePlaceholder', defaultMessage: 'ABCD-EFGH' })}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoFocus
          />
        </label>
        <ErrorAlert error={pair.error} />
        <button type="submit" className="primary" disabled={pair.isPending}>
          {t({ id: 'auth.pair.submit', defaultMessage: 'Pair laptop' })}
        </button>
        <p>
          <a href={href({ page: 'attendance' })}>{t({ id: 'auth.pair.signInInstead', defaultMessage: 'Sign in with an account instead' })}</a>
        </p>
      </form>
    </main>
  );
}
