// The tab's one live event channel (/api/events over fetch, so a bearer token works as well as the
// session cookie): it reconnects with Last-Event-ID after a drop, with the sender's backoff, parses
// each event with the contract, and hands it to listeners: roster.changed makes the roster sync
// pull at once, mark events refresh the live log; a reset (the server restored a backup) makes the
// tab fetch what it shows again. Driven by the session like the sender.
import { ClientError, LiveEvent, routes, routeUrl, StreamReset, type ClientOptions } from '@rollcall/contracts';
import { systemClock, type Clock, type TimerHandle } from '../clock.ts';
import { backoffDelay, DEFAULT_BACKOFF } from '../sender/backoff.ts';
import { StateCell, type Listener } from '../state-cell.ts';
import { readSse } from './sse.ts';

/** connecting: opening or waiting to reopen. open: events flow. paused: the session ended (401). closed: stopped. */
export type LiveChannelPhase = 'closed' | 'connecting' | 'open' | 'paused';

export interface LiveChannelState {
  phase: LiveChannelPhase;
  /** Id of the last event received, sent back as Last-Event-ID on reconnect. */
  lastEventId: string | null;
}

export type LiveChannelOptions = Pick<ClientOptions, 'baseUrl' | 'credentials' | 'token' | 'fetch' | 'onError'> & { clock?: Clock };

type EventListener = (event: LiveEvent) => void;

export class LiveChannel {
  private readonly cell = new StateCell<LiveChannelState>({ phase: 'closed', lastEventId: null });
  private readonly listeners = new Set<EventListener>();
  private readonly resetListeners = new Set<() => void>();
  private readonly clock: Clock;
  private controller: AbortController | null = null;
  private timer: TimerHandle | null = null;
  private attempt = 0;

  constructor(private readonly opts: LiveChannelOptions = {}) {
    this.clock = opts.clock ?? systemClock;
  }

  get state(): LiveChannelState {
    return this.cell.state;
  }

  subscribe(listener: Listener<LiveChannelState>): () => void {
    return this.cell.subscribe(listener);
  }

  /** Hears every event of the stream (filter on `type`); returns the unsubscribe function. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hears the server say the events this tab saw are not its own (it restored a backup): nothing
   * missed can be replayed, so what the tab shows must be fetched again.
   */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  start(): void {
    if (this.state.phase === 'closed') this.connect();
  }

  resume(): void {
    if (this.state.phase === 'paused') this.connect();
  }

  pause(): void {
    this.close('paused');
  }

  stop(): void {
    this.close('closed');
  }

  private close(phase: 'paused' | 'closed'): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.controller = null;
    this.cell.update({ phase });
  }

  private connect(): void {
    const controller = new AbortController();
    this.controller = controller;
    this.cell.update({ phase: 'connecting' });
    void this.run(controller).then(
      () => this.dropped(controller, null),
      (err: unknown) => this.dropped(controller, err),
    );
  }

  private async run(controller: AbortController): Promise<void> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    const token = typeof this.opts.token === 'function' ? await this.opts.token() : this.opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.state.lastEventId !== null) headers['last-event-id'] = this.state.lastEventId;
    const res = await (this.opts.fetch ?? globalThis.fetch)(routeUrl(routes.events, {}, this.opts.baseUrl), {
      headers,
      credentials: this.opts.credentials ?? 'same-origin',
      signal: controller.signal,
    });
    if (!res.ok || !res.body) {
      const error = new ClientError(res.status === 401 ? 'unauthenticated' : `http-${res.status}`, `The event stream answered ${res.status}.`, {
        status: res.status,
        route: 'GET /api/events',
      });
      this.opts.onError?.(error, routes.events);
      throw error;
    }
    if (controller !== this.controller) return;
    this.attempt = 0;
    this.cell.update({ phase: 'open' });
    await readSse(
      res.body,
      (m) => {
        if (m.event === 'stream.reset') {
          if (m.id !== null) this.cell.update({ lastEventId: m.id });
          if (StreamReset.safeParse(safeJson(m.data)).success) notify(this.resetListeners, undefined);
          return;
        }
        const parsed = LiveEvent.safeParse(safeJson(m.data));
        // An event of a newer server version is skipped, not fatal: the periodic pull still covers it.
        if (parsed.success) notify(this.listeners, parsed.data);
        if (m.id !== null) this.cell.update({ lastEventId: m.id });
      },
      (id) => this.cell.update({ lastEventId: id }),
    );
  }

  /** The stream ended or failed: reopen after a backoff, unless it was closed on purpose or the session ended. */
  private dropped(controller: AbortController, err: unknown): void {
    if (controller !== this.controller) return;
    this.controller = null;
    if (err instanceof ClientError && err.status === 401) {
      this.cell.update({ phase: 'paused' });
      return;
    }
    this.cell.update({ phase: 'connecting' });
    const delay = backoffDelay(++this.attempt, DEFAULT_BACKOFF);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }
}

function notify<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const l of [...listeners]) {
    try {
      l(value);
    } catch {
      // A listener's bug must not close the channel.
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
