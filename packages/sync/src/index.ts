// @rollcall/sync: the offline outbox, its sender and the roster sync client, the same code in the
// web app (browser) and in the load and fault harness (Node).
export { systemClock, type Clock, type TimerHandle } from './clock.ts';
export { LiveChannel, type LiveChannelOptions, type LiveChannelPhase, type LiveChannelState } from './live/live-channel.ts';
export { readSse, type SseMessage } from './live/sse.ts';
export { MemoryOutboxStore } from './outbox/memory-outbox-store.ts';
export { Outbox, OutboxError, type OutboxListener, type OutboxState } from './outbox/outbox.ts';
export type { FailedMark, FailureReason, MarkFailure, OutboxCounts, OutboxStore } from './outbox/outbox-store.ts';
export { backoffDelay, DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './sender/backoff.ts';
export { webLock, type CrossContextLock } from './sender/cross-context-lock.ts';
export { alwaysOnline, browserNetwork, ManualNetwork, type NetworkStatus } from './sender/network.ts';
export { sendBatch, type BatchOutcome } from './sender/send-batch.ts';
export { Sender, type FlushResult, type SenderOptions } from './sender/sender.ts';
export type { SenderError, SenderPhase, SenderState, StateListener } from './sender/sender-state.ts';
export { StateCell, type Listener } from './state-cell.ts';
export { MemorySyncTarget } from './sync/memory-sync-target.ts';
export { pullSync, SyncError, type PullSyncOptions, type PullSyncResult } from './sync/pull-sync.ts';
export {
  RosterSync,
  type RosterSyncError,
  type RosterSyncOptions,
  type RosterSyncOutcome,
  type RosterSyncPhase,
  type RosterSyncState,
} from './sync/roster-sync.ts';
export type { ClassChanges, EmbeddingChanges, StudentChanges, SyncTarget } from './sync/sync-target.ts';
export { fetchTransport, type FetchTransport, type FetchTransportOptions } from './transport/fetch-transport.ts';
export { failureAction, type FailureAction } from './transport/failure-action.ts';
export type { CallOptions, MarkTransport, SyncClient, SyncQueryInput } from './transport/transport.ts';
