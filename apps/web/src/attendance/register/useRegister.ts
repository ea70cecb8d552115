// The register of a session for Take attendance: the API's register, refreshed live by the
// server's events (marks from this or another laptop, the session ending), with this device's
// unsent marks laid over it; without network, the copy kept on this laptop. Marks by hand go into
// the one outbox, like the camera's.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { ClassSession, NewMark, RegisterStatus } from '@rollcall/contracts';
import { ApiClientError, call } from '../../api/client.ts';
import { services } from '../../core/services.ts';
import { makeMark } from '../../core/marking.ts';
import { queryClient } from '../../data/queryClient.ts';
import { useServerEvents } from '../../data/useServerEvents.ts';
import { keepRegister, type KeptRegister } from '../../local/kept-registers.ts';
import { useLive } from '../../local/live.ts';
import { registerView, type RegisterView } from './register-view.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: ['register'] });

export function usePendingMarks(): NewMark[] {
  return useLive(async () => (await services.db.outbox.orderBy('seq').toArray()).filter((r) => r.state === 'pending').map((r) => r.mark), [], [] as NewMark[]);
}

export interface RegisterState {
  view: RegisterView | null;
  /** The session the register belongs to, as last known (running, or ended with its end time). */
  session: ClassSession | null;
  error: Error | null;
  /** When the register shown is the copy kept on this laptop (the server cannot be reached): when it was saved. */
  copySavedAt: number | null;
  mark: (studentId: string, status: RegisterStatus, reason?: string) => Promise<void>;
}

export function useRegister(sessionId: string | null, kept: KeptRegister | null): RegisterState {
  const q = useQuery({
    queryKey: ['register', sessionId],
    queryFn: () => call('sessionRegister', { params: { id: sessionId! } }),
    enabled: !!sessionId,
    // Events keep it fresh; the interval covers a missed event while the stream reconnects.
    refetchInterval: (query) => (query.state.status === 'error' ? 10_000 : 30_000),
  });
  // Each register the server gives is kept, so a reload without network still has it.
  useEffect(() => void (q.data && keepRegister(services.db, q.data)), [q.data]);
  const pending = usePendingMarks();
  // A mark just sent leaves the outbox before the register is fetched again: fetch at once.
  const sentCount = pending.length;
  useEffect(refresh, [sentCount]);
  useServerEvents(['mark.accepted', 'mark.updated', 'marks.cleared', 'session.changed'], refresh, !!sessionId);
  const failure = q.error ?? q.failureReason;
  const copy = !q.data && failure instanceof ApiClientError && failure.code === 'network' && kept?.register.session.id === sessionId ? kept : null;
  const register = q.data ?? copy?.register ?? null;
  const view = useMemo(() => (register ? registerView(register, pending) : null), [register, pending]);
  return {
    view,
    session: register?.session ?? null,
    copySavedAt: copy?.savedAt ?? null,
    error: copy ? null : q.error,
    mark: async (studentId, status, reason) => {
      // The sender is told by the outbox and posts it as soon as it can.
      await makeMark(services.outbox, { studentId, sessionId, similarity: null, method: 'manual', status, ...(reason && { reason }) });
    },
  };
}
