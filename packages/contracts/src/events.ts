// What the live event stream (/api/events) carries.
import { z } from 'zod';
import { Mark } from './attendance.ts';
import { StudentId, Uuid } from './common.ts';

export const LiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mark.accepted'), mark: Mark }),
  z.object({ type: z.literal('mark.updated'), mark: Mark }),
  z.object({ type: z.literal('marks.cleared'), sessionId: Uuid.nullable(), classIds: z.array(Uuid), markIds: z.array(Uuid) }),
  /** A session of a class started, changed or ended: pages showing that class reload its current session and register. */
  z.object({ type: z.literal('session.changed'), classId: Uuid, sessionId: Uuid }),
  z.object({ type: z.literal('roster.changed'), revision: z.number().int(), studentIds: z.array(StudentId), classIds: z.array(Uuid) }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

/**
 * Sent instead of a replay when a client's Last-Event-ID is above the newest event the server has
 * (it restored a backup, so its ids start lower): the client takes `head` as its position and
 * fetches what it shows again. Never stored, so not a LiveEvent.
 */
export const StreamReset = z.object({ type: z.literal('stream.reset'), head: z.number().int().nonnegative() });
export type StreamReset = z.infer<typeof StreamReset>;
