// Today's marks for the live log: what the API holds (including marks made on other laptops,
// refreshed by the server's event stream) merged with this device's marks still in the outbox.
import { useQuery } from '@tanstack/react-query';
import { deviceDay, type MarkStatus } from '@rollcall/contracts';
import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import { services } from '../core/services.ts';
import { subscribeLive } from '../local/live.ts';
import { queryClient } from '../data/queryClient.ts';

/** The server's status of a mark, or where this device's mark is: not sent (refused), sent, or waiting to send. */
export type LogStatus = MarkStatus | 'unsent' | 'sent' | 'waiting';

export interface LogRow {
  id: string;
  studentId: string;
  name: string | null;
  at: string;
  status: LogStatus;
  similarity: number | null;
  waiting: boolean;
  failed: string | null;
}

interface LocalMark {
  id: string;
  studentId: string;
  markedAt: string;
  sessionId: string | null;
  failed: string | null;
  /** Gone from the outbox: the API confirmed it (or it was a duplicate there). */
  sent: boolean;
}

export function useLiveLog(classId: string | null, sessionId: string | null, names: ReadonlyMap<string, string>): LogRow[] {
  const today = deviceDay(new Date());
  const query = sessionId ? { sessionId, limit: 500 } : { from: today, to: today, ...(classId && { classId }), limit: 500 };
  const server = useQuery({ queryKey: ['marks', 'live', query], queryFn: () => call('listMarks', { query }), refetchInterval: 30_000 });
  // This device's marks from the outbox. A mark the sender has just delivered leaves the outbox
  // before the server's list is refreshed: it is kept here, as sent, so it never blinks out of the log.
  const [local, setLocal] = useState<Map<string, LocalMark>>(new Map());

  useEffect(() => {
    return subscribeLive(
      () => services.db.outbox.toArray(),
      (rows) =>
        setLocal((prev) => {
          const next = new Map<string, LocalMark>();
          for (const [id, m] of prev) next.set(id, { ...m, sent: true });
          for (const r of rows) {
            next.set(r.id, {
              id: r.id,
              studentId: r.mark.studentId,
              markedAt: r.mark.markedAt,
              sessionId: r.mark.sessionId ?? null,
              failed: r.state === 'failed' ? (r.reason ?? 'failed') : null,
              sent: false,
            });
          }
          return next;
        }),
    );
  }, []);

  useEffect(
    // The tab's one live channel: a mark made, corrected or cleared on any laptop refreshes the log.
    () => services.live.on((e) => e.type !== 'roster.changed' && void queryClient.invalidateQueries({ queryKey: ['marks'] })),
    [],
  );

  const rows = new Map<string, LogRow>();
  for (const m of server.data?.items ?? []) {
    rows.set(m.id, {
      id: m.id,
      studentId: m.studentId,
      name: m.studentName,
      at: m.markedAt,
      status: m.status,
      similarity: m.similarity,
      waiting: false,
      failed: null,
    });
  }
  for (const m of local.values()) {
    if (rows.has(m.id) || (sessionId && m.sessionId !== sessionId)) continue;
    const status: LogStatus = m.failed ? 'unsent' : m.sent ? 'sent' : 'waiting';
    rows.set(m.id, {
      id: m.id,
      studentId: m.studentId,
      name: names.get(m.studentId) ?? null,
      at: m.markedAt,
      status,
      similarity: null,
      waiting: !m.failed && !m.sent,
      failed: m.failed,
    });
  }
  return [...rows.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
