// The one observable value for state that lives outside React (the face engine, the camera loop,
// offline readiness) and the one hook that reads it. The sync engine's services (roster sync,
// outbox, sender) and the session publish the same shape, so useObservable reads them all.
import { useSyncExternalStore } from 'react';

export interface Observable<T> {
  readonly state: T;
  subscribe(listener: () => void): () => void;
}

export class Store<T> implements Observable<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}
  get state(): T {
    return this.value;
  }
  set(next: T | ((prev: T) => T)): void {
    this.value = typeof next === 'function' ? (next as (p: T) => T)(this.value) : next;
    for (const l of this.listeners) l();
  }
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useObservable<T>(source: Observable<T>): T {
  return useSyncExternalStore(
    (cb) => source.subscribe(() => cb()),
    () => source.state,
  );
}
