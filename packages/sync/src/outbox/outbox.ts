// The one way marks leave a device: enqueue writes a mark durably, the sender reads pending marks
// and settles them. It validates marks on the way in, tells listeners when anything changed,
// publishes its state for the UI (pending, sending, refused with the server's reason; the one count
// of the outbox), and owns the lock that keeps two senders of this outbox from posting at once.
import { NewMark } from '@rollcall/contracts';
import { StateCell, type Listener } from '../state-cell.ts';
import { Mutex } from './mutex.ts';
import type { FailedMark, MarkFailure, OutboxCounts, OutboxStore } from './outbox-store.ts';

export interface OutboxState {
  /** Marks waiting to be sent (those in flight included). */
  pending: number;
  /** Marks in the request the sender has in flight now. */
  sending: number;
  /** Marks the API refused, oldest first, each with its reason: they wait for the teacher to retry or discard them. */
  refused: readonly FailedMark[];
  /** False until the store was first read. */
  loaded: boolean;
}

export class OutboxError extends Error {
  constructor(
    readonly code: 'invalid-mark',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

export type OutboxListener = () => void;

export class Outbox {
  private readonly listeners = new Set<OutboxListener>();
  private readonly mutex = new Mutex();
  private readonly cell = new StateCell<OutboxState>({ pending: 0, sending: 0, refused: [], loaded: false });
  private reads = 0;

  constructor(
    readonly store: OutboxStore,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): OutboxState {
    return this.cell.state;
  }

  /** Calls listener with each new state (read `state` for the current one); returns the unsubscribe function. */
  subscribe(listener: Listener<OutboxState>): () => void {
    return this.cell.subscribe(listener);
  }

  /** Reads the store again (another tab or process may share it) and publishes what it holds. */
  async refresh(): Promise<OutboxState> {
    const read = ++this.reads;
    const [counts, refused] = await Promise.all([this.store.count(), this.store.listFailed()]);
    // A slower read started earlier must not overwrite a newer one.
    if (read === this.reads) this.cell.update({ pending: counts.pending, refused, loaded: true });
    return this.cell.state;
  }

  /** The sender says how many marks it has in flight (0 when the request settled). */
  setSending(count: number): void {
    this.cell.update({ sending: count });
  }

  /**
   * Stores a complete mark (its UUID was made when the mark was made) and resolves once it is
   * durable. A mark the API would refuse is refused here, before it can block a batch.
   */
  async enqueue(mark: NewMark): Promise<void> {
    const parsed = NewMark.safeParse(mark);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OutboxError('invalid-mark', `Invalid mark${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`, parsed.error.issues);
    }
    await this.store.put(mark);
    await this.changed();
  }

  pending(limit: number): Promise<NewMark[]> {
    return this.store.listPending(limit);
  }

  failed(): Promise<FailedMark[]> {
    return this.store.listFailed();
  }

  counts(): Promise<OutboxCounts> {
    return this.store.count();
  }

  /** The API has these marks (accepted or duplicate): forget them. */
  async confirm(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await this.store.remove(ids);
    await this.changed();
  }

  /** Resending these cannot help: set them aside with their reason for the UI. */
  async fail(failures: readonly MarkFailure[]): Promise<void> {
    if (!failures.length) return;
    await this.store.markFailed(failures, this.now());
    await this.changed();
  }

  /** Sends refused marks again (e.g. after the missing student was created). */
  async retry(ids: readonly string[]): Promise<void> {
    const wanted = new Set(ids);
    const marks = (await this.store.listFailed()).filter((f) => wanted.has(f.mark.id));
    for (const f of marks) await this.store.put(f.mark);
    if (marks.length) await this.changed();
  }

  /** Drops failed (or pending) marks the teacher chose to give up on. */
  async discard(ids: readonly string[]): Promise<void> {
    await this.confirm(ids);
  }

  /** Runs fn while no other sender of this outbox in this process is posting. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(fn);
  }

  /** Calls listener after every change made through this Outbox (the sender sends on it); returns the unsubscribe function. */
  onChange(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async changed(): Promise<void> {
    // The published state is current when a change resolves; a failed read leaves the old one.
    await this.refresh().catch(() => undefined);
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // A listener's bug must not turn a stored mark into a failed enqueue.
      }
    }
  }
}
