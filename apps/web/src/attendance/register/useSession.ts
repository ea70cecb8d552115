// The class chosen on Take attendance and its running session: the class is preselected when the
// choice is obvious (only one class, or only one with a session running), the session follows
// the server live (started or ended on another laptop), or without network the register kept on
// this laptop; staff and the class's paired laptop can start or end it here.
import { useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ClassSession } from '@rollcall/contracts';
import { ApiClientError, call } from '../../api/client.ts';
import type { KeptRegister } from '../../local/kept-registers.ts';
import { useCurrentSession } from '../../data/remote.ts';
import { queryClient } from '../../data/queryClient.ts';
import { useServerEvents } from '../../data/useServerEvents.ts';
import { runningFromCopy } from './shown-session.ts';

const refreshSessions = () => void queryClient.invalidateQueries({ queryKey: ['sessions'] });

/** The class to open with: the only one, else the only one with a session running, else none. */
export function obviousClass(classIds: readonly string[], running: ReadonlySet<string>): string | null {
  if (classIds.length === 1) return classIds[0]!;
  const withSession = classIds.filter((id) => running.has(id));
  return withSession.length === 1 ? withSession[0]! : null;
}

// Asking every class for its session costs one request each: beyond this many, the teacher chooses.
const MAX_PROBED = 12;

export function useClassChoice(classIds: readonly string[]): [string, (id: string) => void] {
  const [chosen, setChosen] = useState<string | null>(null);
  const probed = classIds.length <= MAX_PROBED ? classIds : [];
  const current = useQueries({
    queries: probed.map((id) => ({ queryKey: ['sessions', id, 'current'], queryFn: () => call('currentSession', { params: { id } }) })),
  });
  const running = new Set(current.flatMap((q) => (q.data?.session?.active ? [q.data.session.classId] : [])));
  const loaded = current.every((q) => !q.isPending);
  const suggestion = loaded ? obviousClass(classIds, running) : null;
  // Once preselected, the class stays chosen: ending its session must not switch the page away.
  useEffect(() => {
    if (chosen === null && suggestion !== null) setChosen(suggestion);
  }, [chosen, suggestion]);
  return [chosen ?? suggestion ?? '', setChosen];
}

export interface SessionState {
  session: ClassSession | null;
  loading: boolean;
  /** The server cannot be reached: the session, if any, is the one in the register kept on this laptop. */
  unreachable: boolean;
}

export function useSession(classId: string | null, kept: KeptRegister | null): SessionState {
  const q = useCurrentSession(classId);
  useServerEvents(['session.changed'], (e) => e.type === 'session.changed' && e.classId === classId && refreshSessions(), !!classId);
  // The first failed try decides: a teacher at the door does not wait out the retries.
  const failure = q.error ?? q.failureReason;
  const unreachable = !q.data && failure instanceof ApiClientError && failure.code === 'network';
  if (unreachable) return { session: runningFromCopy(kept, new Date()), loading: false, unreachable };
  return { session: q.data?.session ?? null, loading: q.isPending && !!classId, unreachable: false };
}
