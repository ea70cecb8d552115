// An event hub as the app wires one (the marks its rows name read from the same database), polled
// by the test itself: its interval is an hour, so whatever it hands out came from a poll the test made.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { findMarks } from '../src/features/attendance/attendance.repository.ts';
import { EventHub, type EventHubOptions } from '../src/features/events/event-hub.ts';

export const handPolledHub = (db: Kysely<DB>, over: Partial<EventHubOptions> = {}): EventHub =>
  new EventHub(db, {
    pollMs: 3_600_000,
    gapGraceMs: 10_000,
    retentionMs: 86_400_000,
    marks: (ids) => findMarks(db, ids),
    now: Date.now,
    onError: (e) => console.error(e),
    ...over,
  });
