// The paired laptop's autopilot, wired to the API: it starts each period's session (late-after
// from the period) when the period starts and ends it, absentees marked, when the period ends.
// The loop runs on its own (autopilot-runner); this hook starts it and subscribes to its state.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { call } from '../api/client.ts';
import { localIso } from '../attendance/marking.ts';
import { queryClient } from '../data/queryClient.ts';
import { errorText } from '../ui/messages.ts';
import { createAutopilot, type AutopilotState } from './autopilot-runner.ts';

const refresh = () => {
  void queryClient.invalidateQueries({ queryKey: ['sessions'] });
  void queryClient.invalidateQueries({ queryKey: ['register'] });
};

const IDLE: AutopilotState = { now: new Date(), timetable: null, error: null };
const idle = { subscribe: () => () => {}, getState: () => IDLE };

/**
 * Runs while `enabled` (a paired laptop); `onStarted` hears the class whose period session it
 * started, and must be stable (a state setter): a new one restarts the loop.
 */
export function usePeriodAutopilot(enabled: boolean, onStarted: (classId: string) => void): AutopilotState {
  const [pilot, setPilot] = useState<ReturnType<typeof createAutopilot> | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const p = createAutopilot({
      now: () => new Date(),
      timetable: () => call('getTimetable', { query: {} }),
      currentSession: async (id) => (await call('currentSession', { params: { id } })).session,
      start: async (o) => {
        const session = await call('createSession', {
          params: { id: o.period.classId },
          body: { periodId: o.period.id, startsAt: localIso(o.start), endsAt: localIso(o.end), lateAfterMinutes: o.period.lateAfterMinutes },
        });
        refresh();
        return session;
      },
      end: async (sessionId) => {
        await call('endSession', { params: { id: sessionId }, body: {} });
        refresh();
      },
      onStarted,
      describe: errorText,
    });
    setPilot(p);
    const stop = p.start();
    return () => {
      stop();
      setPilot(null);
    };
  }, [enabled, onStarted]);
  const source = pilot ?? idle;
  return useSyncExternalStore(source.subscribe, source.getState);
}
