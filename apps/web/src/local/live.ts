// A Dexie live query that does not die quietly: an error (a transaction aborted while the
// database opens under load, for example) would end the subscription, and the view reading it
// (the live log, the roster) would freeze without a word. It is reported and the query restarts.
import { liveQuery } from 'dexie';

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
