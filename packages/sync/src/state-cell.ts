// A value the UI watches: a frozen snapshot replaced on every change, with a tiny subscribe API
// shaped for React's useSyncExternalStore (subscribe, then read `state`).

export type Listener<S> = (state: S) => void;

export class StateCell<S extends object> {
  private current: S;
  private readonly listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    this.current = Object.freeze({ ...initial });
  }

  get state(): S {
    return this.current;
  }

  /** Applies patch; listeners hear of it only when some field really changed. */
  update(patch: Partial<S>): void {
    const next = { ...this.current, ...patch };
    if ((Object.keys(next) as (keyof S)[]).every((k) => Object.is(next[k], this.current[k]))) return;
    this.current = Object.freeze(next);
    for (const l of [...this.listeners]) {
      try {
        l(this.current);
      } catch {
        // A UI listener's bug must not stop sending or syncing.
      }
    }
  }

  subscribe(listener: Listener<S>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
