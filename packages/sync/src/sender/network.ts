// Whether the device believes it is online, and a signal when that changes. The sender takes this
// as a dependency, so it runs in Node (always online) and in the browser (navigator.onLine).

export interface NetworkStatus {
  isOnline(): boolean;
  /** Calls listener whenever connectivity may have changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export const alwaysOnline: NetworkStatus = {
  isOnline: () => true,
  subscribe: () => () => {},
};

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * navigator.onLine with the window's online/offline events, where they exist. "Online" only means
 * a network is attached, not that the API answers: the sender still backs off on errors.
 */
export function browserNetwork(target: EventTargetLike | undefined = globalThis as unknown as EventTargetLike): NetworkStatus {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return {
    isOnline: () => nav?.onLine !== false,
    subscribe(listener) {
      if (typeof target?.addEventListener !== 'function') return () => {};
      target.addEventListener('online', listener);
      target.addEventListener('offline', listener);
      return () => {
        target.removeEventListener('online', listener);
        target.removeEventListener('offline', listener);
      };
    },
  };
}

/** A switchable network for simulations and tests. */
export class ManualNetwork implements NetworkStatus {
  private readonly listeners = new Set<() => void>();
  constructor(private online = true) {}
  isOnline(): boolean {
    return this.online;
  }
  set(online: boolean): void {
    this.online = online;
    for (const l of [...this.listeners]) l();
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
