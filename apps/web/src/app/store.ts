// A minimal observable value for app-wide services (sync engine, face engine) that live outside
// React, with a hook to read it. Keeps those services free of React.
import { useSyncExternalStore } from 'react';

export class Store<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}
  get(): T {
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

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, () => store.get());
}
