// Today's marks for the live log: what the API holds (including marks made on other laptops,
// refreshed by the server's event stream) merged with this device's marks still in the outbox.
import { useQuery } from '@tanstack/react-query';
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import { services } from '../app/services.ts';
import { queryClient } from '../data/queryClient.ts';
import { localIso } from './marking.ts';

export interface LogRow {
  id: string;
  studentId: string;
  name: string | null;
  at: string;
  status: string;
  similarity: number | null;
  waiting: boolean;
  failed: string | null;
}

export function useLiveLog(classId: string | null, sessionId: string | null, names: ReadonlyMap<string, string>): LogRow[] {
  const today = localIso(new Date()).slice(0, 10);
  const query = sessionId ? { sessionId, limit: 500 } : { from: today, to: today, ...(classId && { classId }), limit: 500 };
  const server = useQuery({ queryKey: ['marks', 'live', query], queryFn: () => call('listMarks', { query }), refetchInterval: 30_000 });
  const [local, setLocal] = useState<{ id: string; studentId: string; markedAt: string; sessionId: string | null; failed: string | null }[]>([]);

  useEffect(() => {
    const sub = liveQuery(() => services.db.outbox.toArray()).subscribe({
      next: (rows) => setLocal(rows.map((r) => ({ id: r.id, studentId: r.mark.studentId, markedAt: r.mark.markedAt, sessionId: r.mark.sessionId ?? null, failed: r.state === 'failed' ? (r.reason ?? 'failed') : null }))),
      error: () => undefined,
    });
    return () => sub.unsubscribe();
  }, []);

  useEffect(() => {
    // Same-origin EventSource carries the session cookie; it reconnects by itself with Last-Event-ID.
    const events = new EventSource('/api/events');
    const refresh = () => void queryClient.invalidateQueries({ queryKey: ['marks'] });
    for (const type of ['mark.accepted', 'mark.updated', 'marks.cleared']) events.addEventListener(type, refresh);
    return () => events.close();
  }, []);

  const rows = new Map<string, LogRow>();
  for (const m of server.data?.items ?? []) {
    rows.set(m.id, { id: m.id, studentId: m.studentId, name: m.studentName, at: m.markedAt, status: m.status, similarity: m.similarity, waiting: false, failed: null });
  }
  for (const m of local) {
    if (rows.has(m.id) || (sessionId && m.sessionId !== sessionId)) continue;
    rows.set(m.id, { id: m.id, studentId: m.studentId, name: names.get(m.studentId) ?? null, at: m.markedAt, status: m.failed ? 'not sent' : 'waiting to send', similarity: null, waiting: !m.failed, failed: m.failed });
  }
  return [...rows.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
