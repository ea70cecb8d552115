// Fans live events out to this instance's Server-Sent Events clients by polling the events
// table, so a mark accepted by any API instance reaches every dashboard. Auto-increment ids can
// commit out of order under concurrent transactions: an id skipped over is re-checked for a few
// seconds before it is given up as a rolled-back insert, so no committed event is missed.
import type { Kysely } from 'kysely';
import type { LiveEvent } from '@rollcall/contracts';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../http/errors.ts';
import { eventsAfter, eventsByIds, lastEventId, pruneEvents } from './events.repository.ts';

export interface Delivered {
  id: number;
  event: LiveEvent;
}
type Listener = (e: Delivered) => void;

/** Streams one caller may hold open on one instance: a few tabs and a laptop, not hundreds of connections. */
export const STREAMS_PER_CALLER = 5;

export interface EventHubOptions {
  pollMs: number;
  gapGraceMs: number;
  retentionMs: number;
  now: () => number;
  onError: (err: unknown) => void;
}

export class EventHub {
  private listeners = new Set<Listener>();
  private perOwner = new Map<string, number>();
  private cursor = -1;
  private gaps = new Map<number, number>(); // id -> first time it was seen missing
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly opts: EventHubOptions,
  ) {}

  /** Adds a listener for `owner` (who opened the stream); refused past STREAMS_PER_CALLER at once. */
  subscribe(listener: Listener, owner: string): () => void {
    const held = this.perOwner.get(owner) ?? 0;
    if (held >= STREAMS_PER_CALLER)
      throw new ApiError('rate-limited', `You already have ${STREAMS_PER_CALLER} live connections open: close another tab or window first.`, {
        limit: STREAMS_PER_CALLER,
      });
    this.perOwner.set(owner, held + 1);
    this.listeners.add(listener);
    this.ensureRunning();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.perOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.perOwner.set(owner, left);
      else this.perOwner.delete(owner);
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Events after `afterId`, for a client that reconnects with Last-Event-ID. */
  async replay(afterId: number): Promise<Delivered[]> {
    return eventsAfter(this.db, afterId, 1000);
  }

  get position(): number {
    return this.cursor;
  }

  private ensureRunning() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
    void this.poll();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.cursor = -1;
    this.gaps.clear();
  }

  /** One poll; concurrent calls share it. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((err) => this.opts.onError(err))
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  private async pollOnce() {
    if (this.cursor < 0) {
      this.cursor = await lastEventId(this.db);
      return;
    }
    const now = this.opts.now();
    const fresh = await eventsAfter(this.db, this.cursor, 500);
    const late = await eventsByIds(this.db, [...this.gaps.keys()]);
    for (const e of late) this.gaps.delete(e.id);
    let expected = this.cursor + 1;
    for (const e of fresh) {
      for (let missing = expected; missing < e.id; missing++) this.gaps.set(missing, now);
      expected = e.id + 1;
    }
    if (fresh.length) this.cursor = fresh.at(-1)!.id;
    for (const [id, since] of this.gaps) if (now - since > this.opts.gapGraceMs) this.gaps.delete(id);
    for (const e of [...late, ...fresh].sort((a, b) => a.id - b.id)) for (const l of this.listeners) l(e);
    if (now - this.lastPrune > 60 * 60_000) {
      this.lastPrune = now;
      await pruneEvents(this.db, now - this.opts.retentionMs);
    }
  }
}
