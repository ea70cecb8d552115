// The laptop's autopilot as a loop of its own: every few seconds it reads the clock, keeps the
// timetable fresh, asks the server about the classes whose period is on, and starts or ends their
// sessions as autopilotActions says. The page only subscribes to its state.
import type { ClassSession, Timetable } from '@rollcall/contracts';
import { autopilotActions, type AutopilotAction } from './autopilot.ts';
import { occurrencesOn, scheduleByClass, type Occurrence } from '../../core/schedule.ts';

export interface AutopilotDeps {
  now: () => Date;
  timetable: () => Promise<Timetable>;
  currentSession: (classId: string) => Promise<ClassSession | null>;
  start: (occurrence: Occurrence) => Promise<ClassSession>;
  end: (sessionId: string) => Promise<void>;
  /** The session a period was started for on its day, if any (running or ended). */
  periodSession: (occurrence: Occurrence) => Promise<ClassSession | null>;
  /** Heard after the laptop started a class's period session (the page switches to that class). */
  onStarted: (classId: string) => void;
  /** Words for a failure, shown on the page. */
  describe: (err: unknown) => string;
}

export interface AutopilotState {
  /** The clock at the last tick: the line on the page is worded for it. */
  now: Date;
  timetable: Timetable | null;
  /** The last failure to start or end a period's session; cleared by the next success. */
  error: string | null;
}

/** How often the loop looks at the clock. */
export const TICK_MS = 5_000;
/** How long the timetable read is trusted before it is read again. */
const TIMETABLE_MS = 5 * 60_000;
/** A failed start or end is tried again after this long, not on every tick. */
const RETRY_MS = 30_000;

export function createAutopilot(deps: AutopilotDeps) {
  let state: AutopilotState = { now: deps.now(), timetable: null, error: null };
  let readAt = -Infinity;
  const listeners = new Set<() => void>();
  const started = new Map<string, { sessionId: string; end: Date }>();
  const done = new Set<string>();
  const retryAt = new Map<string, number>();
  let busy = false;

  const set = (patch: Partial<AutopilotState>) => {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l();
  };

  async function run(action: AutopilotAction): Promise<void> {
    if (action.kind === 'start') {
      const session = await deps.start(action.occurrence);
      // Ended before the bell means a teacher ended this period's session early: leave it ended.
      // Not yet active but still planned to the bell is the server's clock a little behind ours.
      const endedEarly = !session.active && (session.endsAt === null || Date.parse(session.endsAt) < action.occurrence.end.getTime());
      if (!endedEarly) {
        started.set(action.key, { sessionId: session.id, end: action.occurrence.end });
        deps.onStarted(action.occurrence.period.classId);
      } else done.add(action.key);
    } else if (action.kind === 'end') {
      await deps.end(action.sessionId);
      done.add(action.key);
      started.delete(action.key);
    } else {
      // Ending again is harmless: only students still without a mark are marked absent.
      const session = await deps.periodSession(action.occurrence);
      if (session) await deps.end(session.id);
      done.add(action.key);
    }
  }

  async function tick(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const now = deps.now();
      set({ now });
      if (now.getTime() - readAt >= TIMETABLE_MS || state.timetable === null) {
        set({ timetable: await deps.timetable() });
        readAt = now.getTime();
      }
      const { periods, terms } = state.timetable!;
      const schedules = scheduleByClass(periods, terms, now);
      const sessions = new Map<string, ClassSession | null>();
      for (const [classId, { current }] of schedules) {
        if (current) sessions.set(classId, await deps.currentSession(classId));
      }
      const memory = { started, done };
      for (const action of autopilotActions(schedules, sessions, memory, now, occurrencesOn(now, periods, terms))) {
        if ((retryAt.get(action.key) ?? 0) > now.getTime()) continue;
        try {
          await run(action);
          retryAt.delete(action.key);
          set({ error: null });
        } catch (err) {
          retryAt.set(action.key, now.getTime() + RETRY_MS);
          set({ error: deps.describe(err) });
        }
      }
    } catch {
      // Offline or the server down: the next tick asks again; the page keeps the last timetable.
    } finally {
      busy = false;
    }
  }

  return {
    tick,
    /** Runs the loop until the returned function is called. */
    start(): () => void {
      void tick();
      const timer = setInterval(() => void tick(), TICK_MS);
      return () => clearInterval(timer);
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: (): AutopilotState => state,
  };
}
