// Fans live events out to this instance's Server-Sent Events clients by polling the events
// table, so a mark accepted by any API instance reaches every dashboard. Auto-increment ids can
// commit out of order under concurrent transactions (several instances, or one busy one): an id
// skipped over is re-checked for a few seconds before it is given up as a rolled-back insert, so no
// committed event is missed, and the events after it wait for it (up to ORDER_GRACE_MS) so every
// stream goes out in id order and a client's Last-Event-ID covers everything below it. A hub that
// starts applies the same rule to the ids missing just below the newest event, so an event another
// instance commits right after the start is not skipped. A mark.accepted row names its mark, read
// here once per instance for all of its streams (stored-event.ts).
import type { Kysely } from 'kysely';
import type { Mark } from '@rollcall/contracts';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../http/errors.ts';
import { eventsAfter, eventsByIds, lastEventId, newestEvents, pruneEvents } from './events.repository.ts';
import { announce, delivered, type Announced, type Delivered } from './stored-event.ts';

export type { Delivered } from './stored-event.ts';
type Listener = (e: Delivered) => void;

/** Streams one caller may hold open on one instance: a few tabs and a laptop, not hundreds of connections. */
export const STREAMS_PER_CALLER = 5;

/** How long events wait behind a smaller id not yet committed; a rolled-back insert never comes, so this is short. */
export const ORDER_GRACE_MS = 2_000;

/** Most events one replay query returns; a client that missed more is replayed page by page. */
export const REPLAY_PAGE = 1000;

/** Most events one poll reads; a poll that reads this many polls again at once. */
export const POLL_PAGE = 500;

/** How many of the newest events a starting hub looks through for ids still committing. */
const START_LOOKBACK = 1000;

export interface EventHubOptions {
  pollMs: number;
  gapGraceMs: number;
  retentionMs: number;
  /** The marks with these ids as they stand (absent: gone), which mark.accepted rows name. */
  marks: (ids: string[]) => Promise<Mark[]>;
  now: () => number;
  onError: (err: unknown) => void;
}

export class EventHub {
  private listeners = new Set<Listener>();
  private enders = new Set<() => void>(); // one per open stream, to end it when the instance shuts down
  private perOwner = new Map<string, number>();
  private cursor = -1; // the highest id read from the table
  private released = -1; // the highest id handed to listeners
  private held: Announced[] = []; // read, waiting behind a smaller id still missing
  private gaps = new Map<number, number>(); // id -> first time it was seen missing
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private lastPrune = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly opts: EventHubOptions,
  ) {}

  /**
   * Adds a listener for `owner` (who opened the stream); refused past STREAMS_PER_CALLER at once.
   * `end` is called if the instance shuts down while the stream is open.
   */
  subscribe(listener: Listener, owner: string, end?: () => void): () => void {
    const held = this.perOwner.get(owner) ?? 0;
    if (held >= STREAMS_PER_CALLER)
      throw new ApiError('rate-limited', `You already have ${STREAMS_PER_CALLER} live connections open: close another tab or window first.`, {
        limit: STREAMS_PER_CALLER,
      });
    this.perOwner.set(owner, held + 1);
    this.listeners.add(listener);
    if (end) this.enders.add(end);
    this.ensureRunning();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (end) this.enders.delete(end);
      const left = (this.perOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.perOwner.set(owner, left);
      else this.perOwner.delete(owner);
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /**
   * The events of up to REPLAY_PAGE rows after `afterId` and at most `upTo`, for a client that
   * reconnects with Last-Event-ID; `rows` and `lastId` say how far it read (a row whose mark is gone
   * since gives no event), so the caller asks for the next page while `rows` is REPLAY_PAGE.
   */
  async replay(afterId: number, upTo: number): Promise<{ events: Delivered[]; rows: number; lastId: number }> {
    const rows = await eventsAfter(this.db, afterId, REPLAY_PAGE, upTo);
    return { events: delivered(await announce(rows, this.opts.marks)), rows: rows.length, lastId: rows.at(-1)?.id ?? afterId };
  }

  /** The highest id handed to listeners: a new listener gets every event released after it. */
  get position(): number {
    return this.released;
  }

  /** The highest event id in the database: a client that saw a higher one saw another database (a restored backup's ids start lower). */
  head(): Promise<number> {
    return lastEventId(this.db);
  }

  private ensureRunning() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
    void this.poll();
  }

  /** Ends every open stream (the instance is shutting down); each one unsubscribes as it ends. */
  endStreams() {
    for (const end of [...this.enders]) end();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.cursor = -1;
    this.released = -1;
    this.held = [];
    this.gaps.clear();
  }

  /** One poll; concurrent calls share it. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((err) => {
        this.opts.onError(err);
        return false;
      })
      .then((more) => {
        this.polling = null;
        // A full page read: more is waiting (a morning's burst), so read on now instead of one page
        // per interval, which held a dashboard to POLL_PAGE events every pollMs.
        if (more && this.timer) setImmediate(() => void this.poll());
      });
    return this.polling;
  }

  /**
   * Where a starting hub begins: after the newest event, unless an id below it is missing among the
   * events written in the last gapGraceMs. Such an id may belong to a transaction on another
   * instance that commits after this hub started, so the hub begins just below the lowest of them;
   * the poll that follows holds the newer events behind it, by the same rule as any gap.
   */
  private async startingPoint(now: number): Promise<number> {
    const newest = await newestEvents(this.db, START_LOOKBACK);
    const head = newest[0]?.id ?? 0;
    const settled = newest.find((e) => e.at < now - this.opts.gapGraceMs)?.id ?? 0;
    const present = new Set(newest.map((e) => e.id));
    for (let id = Math.max(settled, head - START_LOOKBACK) + 1; id < head; id++) if (!present.has(id)) return id - 1;
    return head;
  }

  /** One poll; whether it read a full page (more may be waiting). */
  private async pollOnce(): Promise<boolean> {
    const now = this.opts.now();
    if (this.cursor < 0) {
      this.cursor = await this.startingPoint(now);
      this.released = this.cursor;
    }
    const fresh = await eventsAfter(this.db, this.cursor, POLL_PAGE);
    const late = await eventsByIds(this.db, [...this.gaps.keys()]);
    // The named marks are read before anything here moves on, so a failed read loses nothing: the
    // next poll reads the same rows again. Once for every stream on this instance.
    const announced = await announce([...late, ...fresh], this.opts.marks);
    for (const e of late) this.gaps.delete(e.id);
    let expected = this.cursor + 1;
    for (const e of fresh) {
      for (let missing = expected; missing < e.id; missing++) this.gaps.set(missing, now);
      expected = e.id + 1;
    }
    if (fresh.length) this.cursor = fresh.at(-1)!.id;
    for (const [id, since] of this.gaps) if (now - since > this.opts.gapGraceMs) this.gaps.delete(id);
    // Events go out in id order: each waits while a smaller id is missing, for at most ORDER_GRACE_MS.
    // One that commits later still than that goes out when it comes, out of order but not lost.
    let blocking = Infinity;
    for (const [id, since] of this.gaps) if (now - since <= ORDER_GRACE_MS) blocking = Math.min(blocking, id);
    const waiting = [...this.held, ...announced].sort((a, b) => a.id - b.id);
    const ready = waiting.filter((e) => e.id < blocking);
    this.held = waiting.filter((e) => e.id >= blocking);
    for (const e of delivered(ready)) for (const l of this.listeners) l(e);
    if (ready.length) this.released = Math.max(this.released, ready.at(-1)!.id);
    if (now - this.lastPrune > 60 * 60_000) {
      this.lastPrune = now;
      await pruneEvents(this.db, now - this.opts.retentionMs);
    }
    return fresh.length === POLL_PAGE;
  }
}
