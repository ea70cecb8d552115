// GET /api/events: a Server-Sent Events stream. A client that reconnects sends Last-Event-ID and
// first receives what it missed.
import type { RequestHandler } from 'express';
import type { LiveEvent } from '@rollcall/contracts';
import { inScope, type Scope } from '../../shared/actor.ts';
import type { Delivered, EventHub } from './event-hub.ts';

/** What a caller may see of an event: its own classes' marks; roster nudges without other classes' ids. */
export function visibleEvent(event: LiveEvent, scope: Scope): LiveEvent | null {
  if (scope.all) return event;
  switch (event.type) {
    case 'mark.accepted':
    case 'mark.updated':
      return inScope(scope, event.mark.classId) ? event : null;
    case 'session.changed':
      return inScope(scope, event.classId) ? event : null;
    case 'marks.cleared':
      return event.classIds.some((c) => inScope(scope, c)) ? event : null;
    case 'roster.changed': {
      const classIds = event.classIds.filter((c) => inScope(scope, c));
      return { type: 'roster.changed', revision: event.revision, studentIds: [], classIds };
    }
  }
}

export function eventsStream(hub: EventHub, scope: Scope, heartbeatMs = 15_000): RequestHandler {
  return async (req, res, next) => {
    try {
      const send = (e: Delivered) => {
        const event = visibleEvent(e.event, scope);
        if (event) res.write(`id: ${e.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      // Listen first and let the hub take its position before answering: once the client sees the
      // stream open, every event committed after that reaches it (a roster.changed written right
      // after connecting is not lost). Live events wait while missed ones are replayed, in order.
      let held: Delivered[] | null = [];
      let sentUpTo = 0;
      const unsubscribe = hub.subscribe((e) => {
        if (held) held.push(e);
        else if (e.id > sentUpTo) send(e);
      });
      req.on('close', unsubscribe);
      await hub.poll();
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write('retry: 2000\n\n');
      const lastId = Number(req.headers['last-event-id'] ?? req.query.lastEventId);
      if (Number.isInteger(lastId) && lastId >= 0) {
        for (const e of await hub.replay(lastId)) {
          send(e);
          sentUpTo = e.id;
        }
      }
      for (const e of held) if (e.id > sentUpTo) send(e);
      held = null;
      const beat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
      req.on('close', () => clearInterval(beat));
    } catch (err) {
      next(err);
    }
  };
}
