// The register of a session for Take attendance: the API's register, refreshed live by the
// server's events (marks from this or another laptop, the session ending), with this device's
// unsent marks and the marks confirmed since it was asked for laid over it; without network, the
// copy kept on this laptop, with the same laid over it. Marks by hand go into the one outbox, like
// the camera's.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { ClassSession, NewMark, Register, RegisterStatus } from '@rollcall/contracts';
import { ApiClientError, call } from '../../api/client.ts';
import { services } from '../../core/services.ts';
import { makeMark } from '../../core/marking.ts';
import { queryClient } from '../../data/queryClient.ts';
import { useServerEvents } from '../../data/useServerEvents.ts';
import { confirmedMarks, type ConfirmedMark } from '../../local/confirmed-marks.ts';
import { keepRegister, type KeptRegister } from '../../local/kept-registers.ts';
import { useLive } from '../../local/live.ts';
import { registerView, type RegisterView } from './register-view.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: ['register'] });

interface DeviceMarks {
  pending: NewMark[];
  confirmed: ConfirmedMark[];
}

/**
 * The outbox's waiting marks and the confirmed marks, read in one transaction: the sender notes a
 * mark as confirmed before it leaves the outbox, so every read has it in one or the other.
 */
function readDeviceMarks(): Promise<DeviceMarks> {
  const { db } = services;
  return db.transaction('r', db.outbox, db.meta, async () => ({
    pending: (await db.outbox.orderBy('seq').toArray()).filter((r) => r.state === 'pending').map((r) => r.mark),
    confirmed: await confirmedMarks(db),
  }));
}

function useDeviceMarks(): DeviceMarks {
  return useLive(readDeviceMarks, [], { pending: [], confirmed: [] } as DeviceMarks);
}

/** A register and when it was asked for. */
interface Fetched {
  register: Register;
  askedAt: number;
}

async function fetchRegister(sessionId: string): Promise<Fetched> {
  const askedAt = Date.now();
  return { register: await call('sessionRegister', { params: { id: sessionId } }), askedAt };
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
    queryFn: () => fetchRegister(sessionId!),
    enabled: !!sessionId,
    // Events keep it fresh; the interval covers a missed event while the stream reconnects.
    refetchInterval: (query) => (query.state.status === 'error' ? 10_000 : 30_000),
  });
  // Each register the server gives is kept, so a reload without network still has it.
  useEffect(() => void (q.data && keepRegister(services.db, q.data.register, q.data.askedAt)), [q.data]);
  const { pending, confirmed } = useDeviceMarks();
  // A mark just sent leaves the outbox before the register is fetched again: fetch at once.
  const sentCount = pending.length;
  useEffect(refresh, [sentCount]);
  useServerEvents(['mark.accepted', 'mark.updated', 'marks.cleared', 'session.changed'], refresh, !!sessionId);
  const failure = q.error ?? q.failureReason;
  const copy = !q.data && failure instanceof ApiClientError && failure.code === 'network' && kept?.register.session.id === sessionId ? kept : null;
  const shown = q.data ?? copy;
  const register = shown?.register ?? null;
  const askedAt = shown?.askedAt;
  const view = useMemo(() => (register ? registerView(register, { pending, confirmed, askedAt }) : null), [register, pending, confirmed, askedAt]);
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
