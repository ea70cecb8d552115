// The register of a running session for Take attendance: the API's register, refreshed live by
// the server's events (marks from this or another laptop, the session ending), with this device's
// unsent marks laid over it. Marks by hand go into the one outbox, like the camera's.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { NewMark, RegisterStatus } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { services } from '../app/services.ts';
import { makeMark } from '../attendance/marking.ts';
import { queryClient } from '../data/queryClient.ts';
import { useServerEvents } from '../data/useServerEvents.ts';
import { subscribeLive } from '../local/live.ts';
import { registerView, type RegisterView } from './register-view.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: ['register'] });

export function usePendingMarks(): NewMark[] {
  const [pending, setPending] = useState<NewMark[]>([]);
  useEffect(
    () =>
      subscribeLive(
        () => services.db.outbox.orderBy('seq').toArray(),
        (rows) => setPending(rows.filter((r) => r.state === 'pending').map((r) => r.mark)),
      ),
    [],
  );
  return pending;
}

export function useRegister(sessionId: string | null): {
  view: RegisterView | null;
  error: Error | null;
  mark: (studentId: string, status: RegisterStatus, reason?: string) => Promise<void>;
} {
  const q = useQuery({
    queryKey: ['register', sessionId],
    queryFn: () => call('sessionRegister', { params: { id: sessionId! } }),
    enabled: !!sessionId,
    // Events keep it fresh; the interval covers a missed event while the stream reconnects.
    refetchInterval: 30_000,
  });
  const pending = usePendingMarks();
  // A mark just sent leaves the outbox before the register is fetched again: fetch at once.
  const sentCount = pending.length;
  useEffect(refresh, [sentCount]);
  useServerEvents(['mark.accepted', 'mark.updated', 'marks.cleared', 'session.changed'], refresh, !!sessionId);
  const view = useMemo(() => (q.data ? registerView(q.data, pending) : null), [q.data, pending]);
  return {
    view,
    error: q.error,
    mark: async (studentId, status, reason) => {
      // The sender is told by the outbox and posts it as soon as it can.
      await makeMark(services.outbox, { studentId, sessionId, similarity: null, method: 'manual', status, ...(reason && { reason }) });
    },
  };
}
