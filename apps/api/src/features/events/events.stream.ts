// GET /api/events: a Server-Sent Events stream. A client that reconnects sends Last-Event-ID and
// first receives what it missed.
import type { RequestHandler } from 'express';
import type { EventHub } from './event-hub.ts';

export function eventsStream(hub: EventHub, heartbeatMs = 15_000): RequestHandler {
  return async (req, res, next) => {
    try {
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write('retry: 2000\n\n');
      const send = (e: { id: number; event: { type: string } }) => res.write(`id: ${e.id}\nevent: ${e.event.type}\ndata: ${JSON.stringify(e.event)}\n\n`);
      const lastId = Number(req.headers['last-event-id'] ?? req.query.lastEventId);
      let sentUpTo = 0;
      if (Number.isInteger(lastId) && lastId >= 0) {
        for (const e of await hub.replay(lastId)) {
          send(e);
          sentUpTo = e.id;
        }
      }
      const unsubscribe = hub.subscribe((e) => {
        if (e.id > sentUpTo || sentUpTo === 0) send(e);
      });
      const beat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
      req.on('close', () => {
        clearInterval(beat);
        unsubscribe();
      });
    } catch (err) {
      next(err);
    }
  };
}
