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
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write('retry: 2000\n\n');
      const send = (e: Delivered) => {
        const event = visibleEvent(e.event, scope);
        if (event) res.write(`id: ${e.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      };
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
