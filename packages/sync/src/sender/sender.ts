// The one sender of an outbox: posts pending marks in batches while the device is online, retries
// failures with capped, jittered backoff, stops on 401/403 until resume(), and publishes its state
// for the UI. start() runs it by itself; flush() sends everything now and says what happened.
import { systemClock, type Clock, type TimerHandle } from '../clock.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { MarkTransport } from '../transport/transport.ts';
import { ClientError } from '@rollcall/contracts';
import { failureAction } from '../transport/failure-action.ts';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.ts';
import type { CrossContextLock } from './cross-context-lock.ts';
import { browserNetwork, type NetworkStatus } from './network.ts';
import { sendBatch } from './send-batch.ts';
import { StateCell } from '../state-cell.ts';
import { INITIAL_STATE, type SenderError, type SenderState, type StateListener } from './sender-state.ts';

export interface SenderOptions {
  outbox: Outbox;
  transport: MarkTransport;
  /** Marks per request, 1..500 (default 50). */
  batchSize?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Default: navigator.onLine and the window's online/offline events where they exist, else always online. */
  network?: NetworkStatus;
  /** Another layer of exclusion across tabs, e.g. webLock('rollcall-outbox'). The in-process lock always applies. */
  lock?: CrossContextLock;
  clock?: Clock;
  random?: () => number;
  /** While running and idle, look for marks put by another tab or process this often (default 30 s; 0: never). */
  pollMs?: number;
}

export interface FlushResult {
  confirmed: number;
  failed: number;
  requests: number;
  /** Why it stopped early; null when everything pending was settled. */
  error: SenderError | null;
  /** Marks still pending afterwards. */
  pending: number;
}

export class Sender {
  private readonly cell = new StateCell<SenderState>(INITIAL_STATE);
  private readonly outbox: Outbox;
  private readonly transport: MarkTransport;
  private readonly batchSize: number;
  private readonly policy: BackoffPolicy;
  private readonly network: NetworkStatus;
  private readonly lock: CrossContextLock | undefined;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly pollMs: number;

  private running = false;
  private draining: Promise<FlushResult> | null = null;
  private again = false;
  private retryTimer: TimerHandle | null = null;
  private pollTimer: TimerHandle | null = null;
  private unsubscribe: (() => void)[] = [];

  constructor(opts: SenderOptions) {
    const batchSize = opts.batchSize ?? 50;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500) throw new RangeError(`batchSize must be an integer in 1..500, not ${batchSize}`);
    this.outbox = opts.outbox;
    this.transport = opts.transport;
    this.batchSize = batchSize;
    this.policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.network = opts.network ?? browserNetwork();
    this.lock = opts.lock;
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.pollMs = opts.pollMs ?? 30_000;
  }

  get state(): SenderState {
    return this.cell.state;
  }

  /** Calls listener with each new state (not the current one: read `state`). Returns the unsubscribe function. */
  subscribe(listener: StateListener): () => void {
    return this.cell.subscribe(listener);
  }

  /** Sends by itself from now on: on enqueue, on reconnect, on retry timers and on polls. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = [
      this.outbox.onChange(() => this.kick()),
      // The outbox owns the count; the sender's state mirrors it for one status line.
      this.outbox.subscribe((s) => this.cell.update({ pending: s.pending, failed: s.refused.length })),
      this.network.subscribe(() => this.onNetworkChange()),
    ];
    void this.refreshCounts();
    this.kick();
  }

  /** Stops sending by itself; a batch in flight finishes (and is settled) first. */
  async stop(): Promise<void> {
    this.running = false;
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.clearTimer('retry');
    this.clearTimer('poll');
    await this.draining?.catch(() => undefined);
  }

  /** Sends everything pending now, ignoring any backoff wait, and resolves with what happened. */
  flush(): Promise<FlushResult> {
    return this.drain();
  }

  /** The session ended (a 401 on any call): send nothing until resume(). A batch in flight settles first. */
  pause(): void {
    this.clearTimer('retry');
    this.clearTimer('poll');
    this.cell.update({ phase: 'unauthorized', nextRetryAt: null });
  }

  /** After signing in again: leave the unauthorized state and send. */
  resume(): void {
    if (this.state.phase === 'unauthorized') this.cell.update({ phase: 'idle', attempt: 0 });
    this.kick();
  }

  private onNetworkChange(): void {
    if (!this.network.isOnline()) {
      this.clearTimer('retry');
      if (this.state.phase !== 'unauthorized' && this.state.phase !== 'sending') this.cell.update({ phase: 'offline', nextRetryAt: null });
      return;
    }
    // Back online: try at once rather than waiting out a backoff earned while offline.
    this.clearTimer('retry');
    if (this.state.phase === 'offline' || this.state.phase === 'backoff') this.cell.update({ phase: 'idle', nextRetryAt: null });
    this.kick();
  }

  /** An automatic try: skipped while unauthorized or waiting out a backoff, deferred while a drain runs. */
  private kick(): void {
    if (!this.running || this.state.phase === 'unauthorized') return;
    if (this.retryTimer !== null) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.clearTimer('poll');
    const run = this.drain();
    this.draining = run;
    void run
      .catch(() => undefined)
      .then(() => {
        if (this.draining === run) this.draining = null;
        const again = this.again;
        this.again = false;
        if (again) this.kick();
        else this.schedulePoll();
      });
  }

  private drain(): Promise<FlushResult> {
    return this.outbox.exclusive(() => (this.lock ? this.lock.run(() => this.drainLocked()) : this.drainLocked()));
  }

  private async drainLocked(): Promise<FlushResult> {
    const result: FlushResult = { confirmed: 0, failed: 0, requests: 0, error: null, pending: 0 };
    this.clearTimer('retry');
    if (!this.network.isOnline()) {
      this.cell.update({ phase: 'offline', nextRetryAt: null });
    } else {
      try {
        for (;;) {
          const batch = await this.outbox.pending(this.batchSize);
          if (!batch.length) break;
          // Only now: a poll that finds nothing must not flash "sending" in the UI.
          this.cell.update({ phase: 'sending', nextRetryAt: null });
          await sendBatch(batch, this.transport, this.outbox, result);
          this.cell.update({ attempt: 0, lastError: null, lastSuccessAt: this.clock.now() });
          if (!this.network.isOnline()) break;
        }
        this.cell.update({ phase: this.network.isOnline() ? 'idle' : 'offline', nextRetryAt: null });
      } catch (err) {
        result.error = this.failed(err);
      }
    }
    result.pending = (await this.refreshCounts())?.pending ?? this.state.pending;
    return result;
  }

  private failed(err: unknown): SenderError {
    const now = this.clock.now();
    const error: SenderError =
      err instanceof ClientError
        ? { code: err.code, message: err.message, status: err.status, at: now }
        : { code: 'storage', message: err instanceof Error ? err.message : String(err), status: 0, at: now };
    if (err instanceof ClientError && failureAction(err) === 'unauthorized') {
      this.cell.update({ phase: 'unauthorized', lastError: error, nextRetryAt: null });
    } else if (!this.network.isOnline()) {
      // Lost the network mid-send: the online event, not a timer, brings the next try.
      this.cell.update({ phase: 'offline', lastError: error, nextRetryAt: null });
    } else {
      const attempt = this.state.attempt + 1;
      const delay = retryDelay(err instanceof ClientError ? err : undefined, attempt, this.policy, this.random);
      this.cell.update({ phase: 'backoff', attempt, lastError: error, nextRetryAt: now + delay });
      if (this.running) {
        this.retryTimer = this.clock.setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, delay);
      }
    }
    return error;
  }

  private schedulePoll(): void {
    if (!this.running || this.pollMs <= 0 || this.pollTimer !== null || this.retryTimer !== null) return;
    if (this.state.phase === 'unauthorized' || this.state.phase === 'offline') return;
    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = null;
      this.kick();
    }, this.pollMs);
  }

  private clearTimer(which: 'retry' | 'poll'): void {
    const handle = which === 'retry' ? this.retryTimer : this.pollTimer;
    if (handle === null) return;
    this.clock.clearTimeout(handle);
    if (which === 'retry') this.retryTimer = null;
    else this.pollTimer = null;
  }

  private async refreshCounts() {
    try {
      const { pending, refused } = await this.outbox.refresh();
      const counts = { pending, failed: refused.length };
      this.cell.update(counts);
      return counts;
    } catch {
      return undefined;
    }
  }
}
