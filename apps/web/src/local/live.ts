// A Dexie live query that does not die quietly: an error (a transaction aborted while the
// database opens under load, for example) would end the subscription, and the view reading it
// (the live log, the roster) would freeze without a word. It is reported and the query restarts.
// useLive is the one way a component reads the device's database.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

export function subscribeLive<T>(query: () => Promise<T>, next: (value: T) => void, retryMs = 1000): () => void {
  let sub: { unsubscribe(): void } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const start = () => {
    sub = liveQuery(query).subscribe({
      next,
      error: (err: unknown) => {
        console.warn('Local database query failed; retrying:', err);
        if (!closed) timer = setTimeout(start, retryMs);
      },
    });
  };
  start();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    sub?.unsubscribe();
  };
}

/** A live query's latest value in a component; `initial` until the first read. */
export function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(
    () => subscribeLive(query, setValue),
    // The caller's deps key the query; lint checks them at each call site (additionalHooks: useLive).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  return value;
}
