// What the UI shows about sending: a snapshot replaced on every change, and a tiny subscribe API
// shaped for React's useSyncExternalStore (subscribe, then read `state`).
import type { TransportErrorCode } from '../transport/transport-error.ts';

/**
 * idle: nothing to do, or waiting for marks. sending: a batch is in flight. backoff: the last try
 * failed; the next is at nextRetryAt. offline: the device has no network. unauthorized: the API
 * refused the credentials (401/403); nothing is sent until resume() after signing in again.
 */
export type SenderPhase = 'idle' | 'sending' | 'backoff' | 'offline' | 'unauthorized';

export interface SenderError {
  /** The API's error code, a client-side one (network, timeout, bad-response), or storage when the outbox store failed. */
  code: TransportErrorCode | 'storage';
  message: string;
  /** HTTP status, 0 when none. */
  status: number;
  at: number;
}

export interface SenderState {
  phase: SenderPhase;
  pending: number;
  failed: number;
  /** The last failure; cleared by the next confirmed batch. */
  lastError: SenderError | null;
  /** Epoch ms of the next automatic try while in backoff, else null. */
  nextRetryAt: number | null;
  /** Consecutive failed tries. */
  attempt: number;
  /** Epoch ms of the last batch the API confirmed. */
  lastSuccessAt: number | null;
}

export const INITIAL_STATE: SenderState = Object.freeze({
  phase: 'idle', pending: 0, failed: 0, lastError: null, nextRetryAt: null, attempt: 0, lastSuccessAt: null,
});

export type StateListener = (state: SenderState) => void;

export class StateCell {
  private current: SenderState = INITIAL_STATE;
  private readonly listeners = new Set<StateListener>();

  get state(): SenderState {
    return this.current;
  }

  update(patch: Partial<SenderState>): void {
    const next = { ...this.current, ...patch };
    if ((Object.keys(next) as (keyof SenderState)[]).every((k) => Object.is(next[k], this.current[k]))) return;
    this.current = Object.freeze(next);
    for (const l of [...this.listeners]) {
      try {
        l(this.current);
      } catch {
        // A UI listener's bug must not stop sending.
      }
    }
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
