// What a paired laptop does about the timetable at one instant: start the session of a period that
// is on (unless a teacher's own session is running), and end, with absentees marked, a period
// session it started once the period is over. Pure: the hook feeds it the clock, the schedule and
// the sessions the server reports, and carries out what it returns.
import type { ClassSession } from '@rollcall/contracts';
import { occurrenceKey, type ClassSchedule, type Occurrence } from '../../core/schedule.ts';

export type AutopilotAction =
  | { kind: 'start'; key: string; occurrence: Occurrence }
  | { kind: 'end'; key: string; sessionId: string }
  /** A period of today that is over and that this laptop did not end (it was closed or reloaded at the bell). */
  | { kind: 'finish'; key: string; occurrence: Occurrence };

/** What this laptop has done today: the period sessions it runs, and periods it is finished with. */
export interface AutopilotMemory {
  started: ReadonlyMap<string, { sessionId: string; end: Date }>;
  done: ReadonlySet<string>;
}

/**
 * @param sessions each class's current session as the server reports it; undefined while unknown
 * (nothing is started on a guess).
 * @param today the periods of today (any class), to finish those that ended while nobody watched.
 */
export function autopilotActions(
  schedules: ReadonlyMap<string, ClassSchedule>,
  sessions: ReadonlyMap<string, ClassSession | null | undefined>,
  memory: AutopilotMemory,
  now: Date,
  today: readonly Occurrence[] = [],
): AutopilotAction[] {
  const actions: AutopilotAction[] = [];
  for (const [key, run] of memory.started) {
    if (!memory.done.has(key) && run.end.getTime() <= now.getTime()) actions.push({ kind: 'end', key, sessionId: run.sessionId });
  }
  for (const occurrence of today) {
    const key = occurrenceKey(occurrence);
    if (occurrence.end.getTime() <= now.getTime() && !memory.done.has(key) && !memory.started.has(key)) actions.push({ kind: 'finish', key, occurrence });
  }
  for (const [classId, { current }] of schedules) {
    if (!current) continue;
    const key = occurrenceKey(current);
    if (memory.done.has(key) || memory.started.has(key)) continue;
    const session = sessions.get(classId);
    if (session === undefined) continue;
    // A teacher's own session (or another period's) is theirs to end: the laptop leaves it alone.
    // Its own period's session, seen after a reload, is asked for again: the server answers with it.
    if (session?.active && session.periodId !== current.period.id) continue;
    actions.push({ kind: 'start', key, occurrence: current });
  }
  return actions;
}
