// The paired laptop's autopilot in the page: it starts each period's session (late-after from the
// period) when the period starts and ends it, absentees marked, when the period ends. The loop
// runs on its own (autopilot-runner); this hook starts it and subscribes to its state.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../../api/client.ts';
import { queryClient } from '../../data/queryClient.ts';
import { errorText } from '../../ui/messages.ts';
import { autopilotOverApi } from './autopilot-api.ts';
import { createAutopilot, type AutopilotState } from './autopilot-runner.ts';

const changed = () => {
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
    const p = createAutopilot(autopilotOverApi(api, { changed, onStarted, describe: errorText }));
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
