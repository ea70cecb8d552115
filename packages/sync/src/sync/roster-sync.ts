// Keeps a device's roster cache fresh: pulls on start, on reconnect and every intervalMs, backs
// off after a failure like the sender does, stops on 401/403 until resume(), and publishes its
// state (revision, last sync, next try) for the UI's status bar.
import { systemClock, type Clock, type TimerHandle } from '../clock.ts';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from '../sender/backoff.ts';
import { browserNetwork, type NetworkStatus } from '../sender/network.ts';
import { StateCell, type Listener } from '../state-cell.ts';
import type { SyncClient } from '../transport/transport.ts';
import { ClientError, type ClientErrorCode } from '@rollcall/contracts';
import { failureAction } from '../transport/failure-action.ts';
import { pullSync, SyncError, type PullSyncOptions, type PullSyncResult } from './pull-sync.ts';
import type { SyncTarget } from './sync-target.ts';

export type RosterSyncPhase = 'idle' | 'syncing' | 'backoff' | 'offline' | 'unauthorized';

export interface RosterSyncError {
  /** The API's or the client's code; no-progress for a server that pages without moving; storage when the target failed to apply. */
  code: ClientErrorCode | 'no-progress' | 'storage';
  message: string;
  status: number;
  at: number;
}

export interface RosterSyncState {
  phase: RosterSyncPhase;
  /** The revision the cache holds; null until first read from the target. */
  revision: number | null;
  lastSyncedAt: number | null;
  lastError: RosterSyncError | null;
  /** Epoch ms of the next automatic pull, when one is scheduled. */
  nextSyncAt: number | null;
  attempt: number;
}

export interface RosterSyncOptions extends Pick<PullSyncOptions, 'modelId' | 'limit'> {
  client: SyncClient;
  target: SyncTarget;
  /** Pull this often while running (default 5 min; 0: only on start, reconnect and syncNow). */
  intervalMs?: number;
  network?: NetworkStatus;
  clock?: Clock;
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
}

export interface RosterSyncOutcome {
  result: PullSyncResult | null;
  error: RosterSyncError | null;
}

const INITIAL: RosterSyncState = { phase: 'idle', revision: null, lastSyncedAt: null, lastError: null, nextSyncAt: null, attempt: 0 };

export class RosterSync {
  private readonly cell = new StateCell<RosterSyncState>(INITIAL);
  private readonly network: NetworkStatus;
  private readonly clock: Clock;
  private readonly policy: BackoffPolicy;
  private readonly intervalMs: number;
  private running = false;
  private timer: TimerHandle | null = null;
  private inFlight: Promise<RosterSyncOutcome> | null = null;
  private queued: Promise<RosterSyncOutcome> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly opts: RosterSyncOptions) {
    this.network = opts.network ?? browserNetwork();
    this.clock = opts.clock ?? systemClock;
    this.policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.intervalMs = opts.intervalMs ?? 300_000;
  }

  get state(): RosterSyncState {
    return this.cell.state;
  }

  subscribe(listener: Listener<RosterSyncState>): () => void {
    return this.cell.subscribe(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.network.subscribe(() => this.onNetworkChange());
    void this.opts.target.getRevision().then(
      (revision) => this.state.revision === null && this.cell.update({ revision }),
      () => undefined,
    );
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearTimer();
    await this.inFlight;
  }

  /**
   * Pulls now (ignoring a backoff wait) and says what happened. Asked while a pull runs, it pulls
   * once more after it (that pull may have read the server before the change that prompted this
   * call); any number of such calls share that one extra pull.
   */
  syncNow(): Promise<RosterSyncOutcome> {
    if (this.inFlight) {
      this.queued ??= this.inFlight.then(() => {
        this.queued = null;
        return this.syncNow();
      });
      return this.queued;
    }
    const run = this.pull().finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  /** The session ended (a 401 on any call): pull nothing until resume(). */
  pause(): void {
    this.clearTimer();
    this.cell.update({ phase: 'unauthorized', nextSyncAt: null });
  }

  /** After signing in again. */
  resume(): void {
    if (this.state.phase === 'unauthorized') this.cell.update({ phase: 'idle', attempt: 0 });
    this.kick();
  }

  private kick(): void {
    if (!this.running || this.state.phase === 'unauthorized') return;
    void this.syncNow();
  }

  private onNetworkChange(): void {
    if (this.network.isOnline()) {
      this.clearTimer();
      this.kick();
    } else if (this.state.phase !== 'unauthorized' && this.state.phase !== 'syncing') {
      this.clearTimer();
      this.cell.update({ phase: 'offline', nextSyncAt: null });
    }
  }

  private async pull(): Promise<RosterSyncOutcome> {
    this.clearTimer();
    if (!this.network.isOnline()) {
      this.cell.update({ phase: 'offline', nextSyncAt: null });
      return { result: null, error: null };
    }
    this.cell.update({ phase: 'syncing', nextSyncAt: null });
    try {
      const result = await pullSync(this.opts.client, this.opts.target, {
        ...(this.opts.modelId && { modelId: this.opts.modelId }),
        ...(this.opts.limit !== undefined && { limit: this.opts.limit }),
      });
      this.cell.update({ phase: 'idle', revision: result.revision, lastSyncedAt: this.clock.now(), lastError: null, attempt: 0 });
      if (this.intervalMs > 0) this.schedule(this.intervalMs);
      return { result, error: null };
    } catch (err) {
      return { result: null, error: await this.failed(err) };
    }
  }

  private async failed(err: unknown): Promise<RosterSyncError> {
    const at = this.clock.now();
    const error: RosterSyncError =
      err instanceof ClientError
        ? { code: err.code, message: err.message, status: err.status, at }
        : err instanceof SyncError
          ? { code: err.code, message: err.message, status: 200, at }
          : { code: 'storage', message: err instanceof Error ? err.message : String(err), status: 0, at };
    // Pages applied before the failure moved the revision: show it.
    const revision = await this.opts.target.getRevision().catch(() => this.state.revision);
    if (err instanceof ClientError && failureAction(err) === 'unauthorized') {
      this.cell.update({ phase: 'unauthorized', lastError: error, nextSyncAt: null, revision });
    } else if (!this.network.isOnline()) {
      this.cell.update({ phase: 'offline', lastError: error, nextSyncAt: null, revision });
    } else {
      const attempt = this.state.attempt + 1;
      this.cell.update({ phase: 'backoff', lastError: error, attempt, revision });
      this.schedule(retryDelay(err instanceof ClientError ? err : undefined, attempt, this.policy, this.opts.random));
    }
    return error;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.clearTimer();
    this.cell.update({ nextSyncAt: this.clock.now() + ms });
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.kick();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
