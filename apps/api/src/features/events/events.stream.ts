// GET /api/events: a Server-Sent Events stream. A client that reconnects sends Last-Event-ID and
// first receives what it missed; one ahead of the server (a restored backup) is told to start over.
import type { RequestHandler } from 'express';
import type { LiveEvent, StreamReset } from '@rollcall/contracts';
import { inScope, scopeOf, type Actor, type Scope } from '../../shared/actor.ts';
import { ORDER_GRACE_MS, REPLAY_PAGE, type Delivered, type EventHub } from './event-hub.ts';

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

/** The caller of a stream as it opened, and a way to ask who the same credentials make them now. */
export interface StreamCaller {
  actor: Actor;
  reauthenticate(): Promise<Actor | null>;
}

/**
 * Access is checked again before every batch of events goes out and on every heartbeat: a laptop
 * revoked, or a teacher disabled or taken off a class, stops receiving that class's marks at once
 * instead of for as long as the connection stays open. A caller who lost all access is cut off.
 */
export function eventsStream(hub: EventHub, caller: StreamCaller, heartbeatMs = 15_000): RequestHandler {
  return async (req, res, next) => {
    try {
      let scope = scopeOf(caller.actor);
      let sentUpTo = 0;
      const send = (e: Delivered) => {
        const event = visibleEvent(e.event, scope);
        if (event) res.write(`id: ${e.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(beat);
        res.end();
      };
      /** Whether the caller still has access; the scope follows what they may see now. */
      const stillAllowed = async (): Promise<boolean> => {
        const actor = await caller.reauthenticate().catch(() => null);
        if (closed) return false;
        if (!actor) {
          close();
          return false;
        }
        scope = scopeOf(actor);
        return true;
      };
      // Live events wait in order while missed ones are replayed, and while access is re-checked.
      const pending: Delivered[] = [];
      let replaying = true;
      let draining = false;
      const drain = async () => {
        if (draining || replaying) return;
        draining = true;
        try {
          while (pending.length && (await stillAllowed())) for (const e of pending.splice(0)) if (e.id > sentUpTo) send(e);
        } finally {
          draining = false;
        }
      };
      // Listen first and let the hub take its position before answering: once the client sees the
      // stream open, every event committed after that reaches it (a roster.changed written right
      // after connecting is not lost).
      const unsubscribe = hub.subscribe(
        (e) => {
          pending.push(e);
          void drain();
        },
        streamOwner(caller.actor),
        () => {
          // The instance is shutting down: the client reconnects (the balancer sends it to another
          // instance, which replays from Last-Event-ID) instead of waiting for the connection to die.
          // Not answered yet: a dropped connection, which a client retries (an empty answer it would not).
          if (!res.headersSent) return void req.socket.destroy();
          if (!res.writableEnded) res.write(`retry: ${RECONNECT_AT_SHUTDOWN_MS}\n\n`);
          close();
        },
      );
      const beat = setInterval(() => void (!replaying && stillAllowed().then((ok) => ok && res.write(': keep-alive\n\n'))), heartbeatMs);
      req.on('close', close);
      // A client gone while it was being identified sends no 'close' any more: free its place now.
      if (req.socket.destroyed) return close();
      await hub.poll();
      if (closed) return;
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write('retry: 2000\n\n');
      let lastId = Number(req.headers['last-event-id'] ?? req.query.lastEventId);
      if (!(Number.isInteger(lastId) && lastId >= 0)) {
        // A new stream says where it begins: every event after this id reaches it (those the hub
        // released while it opened are waiting in `pending`). A client that drops before its first
        // event then reconnects from here and is replayed what it missed, instead of starting over
        // and losing what was written while it was away.
        const opened = pending.length ? pending[0]!.id - 1 : hub.position;
        if (opened >= 0) res.write(`id: ${opened}\n\n`);
      } else {
        // Every instance shares one table, so an id above its newest comes from another database: a
        // backup restored since, whose ids start lower. Waiting for ids past it would skip new events,
        // so the client is told where this server stands and fetches what it shows again.
        const head = await hub.head();
        if (closed) return;
        if (lastId > head) {
          const reset: StreamReset = { type: 'stream.reset', head };
          res.write(`id: ${head}\nevent: ${reset.type}\ndata: ${JSON.stringify(reset)}\n\n`);
          lastId = head;
        }
        // Everything the hub released before this listener's events began, page by page (a laptop
        // back from a dead instance may have missed thousands); later ones are in `pending`. The
        // client may come from an instance that was ahead of this one: nothing up to lastId again.
        sentUpTo = lastId;
        const upTo = hub.position;
        for (let after = lastId, page = REPLAY_PAGE; page === REPLAY_PAGE && !closed;) {
          const read = await hub.replay(after, upTo);
          for (const e of read.events) send(e);
          page = read.rows;
          if (page) after = sentUpTo = read.lastId;
        }
      }
      if (closed) return;
      replaying = false;
      void drain();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * The reconnect wait a stream ended by a shutting-down instance asks for. Not shorter: a client
 * replayed from Last-Event-ID while a batch that took its ids is still committing (the stopping
 * instance finishes its requests) can miss that batch's events; ids commit in order within this time.
 */
const RECONNECT_AT_SHUTDOWN_MS = ORDER_GRACE_MS;

/** Streams are counted per caller: a laptop or an account, whichever credential opened them. */
const streamOwner = (actor: Actor): string => `${actor.kind}:${actor.id}`;
