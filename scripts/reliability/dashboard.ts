// A dashboard's live view: the API's event stream (GET /api/events, Server-Sent Events) read the
// way a browser's EventSource reads it: when the stream drops it reconnects after the server's
// `retry` with Last-Event-ID, so the server replays what it missed. Every event is recorded with
// the moment it arrived, so a scenario can check that each arrived once and in order, and how late.
import { percentile } from './fleet.ts';

export interface Received {
  id: number;
  type: string;
  at: number; // Date.now() when it arrived
}

export interface Dashboard {
  name: string;
  received: Received[];
  reconnects: number;
  /** Resolves once the first connection is open (the server answered 200). */
  ready: Promise<void>;
  stop(): void;
}

export function dashboard(name: string, base: string, token: string): Dashboard {
  const received: Received[] = [];
  const controller = new AbortController();
  let lastId: number | null = null;
  let retryMs = 2_000;
  let stopped = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  const self: Dashboard = { name, received, reconnects: 0, ready, stop: () => ((stopped = true), controller.abort()) };

  const readOnce = async () => {
    const res = await fetch(`${base}/api/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastId !== null && { 'last-event-id': String(lastId) }) },
      signal: controller.signal,
    });
    if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
    markReady();
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let id: number | null = null;
        let type = 'message';
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) id = Number(line.slice(4));
          else if (line.startsWith('event: ')) type = line.slice(7);
          else if (line.startsWith('retry: ')) retryMs = Number(line.slice(7));
        }
        // An id alone is the stream's starting position (no event): a reconnect asks from it.
        if (id !== null && !block.split('\n').some((l) => l.startsWith('data:'))) lastId = id;
        else if (id !== null) {
          received.push({ id, type, at: Date.now() });
          lastId = id;
        }
      }
    }
  };

  void (async () => {
    while (!stopped) {
      try {
        await readOnce();
      } catch {
        /* dropped or refused: reconnect as EventSource does */
      }
      if (stopped) return;
      self.reconnects++;
      await new Promise((r) => setTimeout(r, retryMs));
    }
  })();
  return self;
}

export interface StreamCheck {
  dashboard: string;
  expected: number;
  received: number;
  missing: number;
  duplicated: number;
  outOfOrder: number;
  reconnects: number;
  delayP50Ms: number;
  delayP95Ms: number;
}

/**
 * Compares what a dashboard received with the events table: every event after `fromId` arrived,
 * none twice, each after the ones with smaller ids. Delays (arrival minus the moment the event was
 * written) are pushed onto `delays`.
 */
export function checkStream(d: Dashboard, events: Map<number, number>, fromId: number, delays: number[]): StreamCheck {
  const seen = new Map<number, number>();
  const own: number[] = [];
  let outOfOrder = 0;
  let highest = -1;
  for (const r of d.received) {
    seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
    if (seen.get(r.id) === 1) {
      if (r.id < highest) outOfOrder++;
      highest = Math.max(highest, r.id);
      const writtenAt = events.get(r.id);
      if (writtenAt !== undefined) own.push(r.at - writtenAt);
    }
  }
  for (const x of own) delays.push(x);
  const expectedIds = [...events.keys()].filter((id) => id > fromId);
  return {
    dashboard: d.name,
    expected: expectedIds.length,
    received: seen.size,
    missing: expectedIds.filter((id) => !seen.has(id)).length,
    duplicated: [...seen.values()].filter((n) => n > 1).length,
    outOfOrder,
    reconnects: d.reconnects,
    delayP50Ms: Math.round(percentile(own, 50)),
    delayP95Ms: Math.round(percentile(own, 95)),
  };
}
