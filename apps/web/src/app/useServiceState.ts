// Reads the state of a service that publishes it (the roster sync, a sender) in a component.
import { useSyncExternalStore } from 'react';

export interface Observable<T> {
  readonly state: T;
  subscribe(listener: () => void): () => void;
}

export function useServiceState<T>(service: Observable<T>): T {
  return useSyncExternalStore(
    (cb) => service.subscribe(() => cb()),
    () => service.state,
  );
}
