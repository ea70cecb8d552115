// Waits for a published state (a sender's, a roster sync's) by subscribing, never by sleeping:
// tests and the harness use it to follow a worker through backoff and back to idle.

/** Anything that publishes a state the way Sender and RosterSync do. */
export interface StateSource<S> {
  readonly state: S;
  subscribe(listener: (state: S) => void): () => void;
}

/** Resolves with the first state (current or later) that satisfies pred. */
export function stateWhere<S>(source: StateSource<S>, pred: (s: S) => boolean): Promise<S> {
  if (pred(source.state)) return Promise.resolve(source.state);
  return new Promise((resolve) => {
    const off = source.subscribe((s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}
