// The class chosen on Take attendance and its running session: the class is preselected when the
// choice is obvious (only one class, or only one with a session running), the session follows
// the server live (started or ended on another laptop), and staff can start or end it here.
import { useMutation, useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ClassSession } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { useCurrentSession } from '../data/remote.ts';
import { queryClient } from '../data/queryClient.ts';
import { useServerEvents } from '../data/useServerEvents.ts';

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

export function useSession(classId: string | null): { session: ClassSession | null; loading: boolean } {
  const q = useCurrentSession(classId);
  useServerEvents(['session.changed'], (e) => e.type === 'session.changed' && e.classId === classId && refreshSessions(), !!classId);
  return { session: q.data?.session ?? null, loading: q.isPending && !!classId };
}

export function useStartSession() {
  return useMutation({
    mutationFn: (a: { classId: string; lateAfterMinutes: number }) =>
      call('createSession', { params: { id: a.classId }, body: { lateAfterMinutes: a.lateAfterMinutes } }),
    onSuccess: refreshSessions,
  });
}

export function useEndSession() {
  return useMutation({
    mutationFn: (sessionId: string) => call('endSession', { params: { id: sessionId }, body: {} }),
    onSuccess: () => {
      refreshSessions();
      void queryClient.invalidateQueries({ queryKey: ['register'] });
    },
  });
}
