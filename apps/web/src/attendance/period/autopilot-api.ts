// The autopilot's requests, over any client of the route table: the web app passes its own, a
// test passes one holding a laptop's device token. Times go with the laptop's UTC offset, so the
// server files each session under the laptop's school day.
import { deviceIso, type Client, type Routes } from '@rollcall/contracts';
import type { AutopilotDeps } from './autopilot-runner.ts';

export function autopilotOverApi(
  api: Client<Routes>,
  on: Pick<AutopilotDeps, 'onStarted' | 'describe'> & { changed: () => void; now?: () => Date },
): AutopilotDeps {
  return {
    now: on.now ?? (() => new Date()),
    timetable: () => api.getTimetable({ query: {} }),
    currentSession: async (id) => (await api.currentSession({ params: { id } })).session,
    start: async (o) => {
      const session = await api.createSession({
        params: { id: o.period.classId },
        body: { periodId: o.period.id, startsAt: deviceIso(o.start), endsAt: deviceIso(o.end), lateAfterMinutes: o.period.lateAfterMinutes },
      });
      on.changed();
      return session;
    },
    end: async (sessionId) => {
      await api.endSession({ params: { id: sessionId }, body: {} });
      on.changed();
    },
    periodSession: async (o) => {
      const { items } = await api.listSessions({ params: { id: o.period.classId }, query: { from: deviceIso(o.start), to: deviceIso(o.end) } });
      return items.find((s) => s.periodId === o.period.id) ?? null;
    },
    onStarted: on.onStarted,
    describe: on.describe,
  };
}
