// What the UI shows about sending (held in a StateCell by the Sender).
import type { ClientErrorCode } from '@rollcall/contracts';

/**
 * idle: nothing to do, or waiting for marks. sending: a batch is in flight. backoff: the last try
 * failed; the next is at nextRetryAt. offline: the device has no network. unauthorized: the API
 * refused the credentials (401/403); nothing is sent until resume() after signing in again.
 */
export type SenderPhase = 'idle' | 'sending' | 'backoff' | 'offline' | 'unauthorized';

export interface SenderError {
  /** The API's error code, a client-side one (network, timeout, bad-response), or storage when the outbox store failed. */
  code: ClientErrorCode | 'storage';
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

export const INITIAL_STATE: SenderState = {
  phase: 'idle',
  pending: 0,
  failed: 0,
  lastError: null,
  nextRetryAt: null,
  attempt: 0,
  lastSuccessAt: null,
};

export type StateListener = (state: SenderState) => void;
