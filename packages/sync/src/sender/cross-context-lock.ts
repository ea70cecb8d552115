// Keeps two tabs (or workers) of one browser from sending the same outbox at once, with the Web
// Locks API where it exists. Only an optimisation: the API is idempotent on mark ids, so two
// senders racing would still store each mark once, just with wasted requests.

export interface CrossContextLock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** A Web Locks lock named `name`, or undefined where navigator.locks is missing (Node, old browsers). */
export function webLock(
  name: string,
  locks: LockManagerLike | undefined = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks,
): CrossContextLock | undefined {
  if (!locks || typeof locks.request !== 'function') return undefined;
  return { run: (fn) => locks.request(name, fn) };
}
