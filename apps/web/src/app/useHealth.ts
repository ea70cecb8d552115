// Polls /api/health so the shell can show whether the server and its database are reachable.
import { useEffect, useState } from 'react';
import type { Health } from '@rollcall/contracts';
import { call } from '../api/client.ts';

export type HealthState = { state: 'loading' } | { state: 'ok'; health: Health } | { state: 'offline'; message: string };

export function useHealth(intervalMs = 15_000): HealthState {
  const [health, setHealth] = useState<HealthState>({ state: 'loading' });
  useEffect(() => {
    let alive = true;
    const check = () =>
      call('health').then(
        (h) => alive && setHealth({ state: 'ok', health: h }),
        (err: Error) => alive && setHealth({ state: 'offline', message: err.message }),
      );
    void check();
    const timer = setInterval(check, intervalMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return health;
}
