// The live attendance log: one row per mark with student id, name and time, newest first.
import type { LogRow } from './useLiveLog.ts';

export function LiveLog({ rows }: { rows: LogRow[] }) {
  return (
    <div role="log" aria-label="Attendance log" aria-live="polite" className="live-log">
      {rows.length === 0 ? (
        <p className="hint">No one marked yet.</p>
      ) : (
        rows.map((r) => (
          <div key={r.id} className={`log-row ${r.waiting ? 'waiting' : ''} ${r.failed ? 'failed' : ''}`}>
            <span className="log-id">{r.studentId}</span>
            <span className="log-name">{r.name ?? '(unknown name)'}</span>
            <time dateTime={r.at}>{new Date(r.at).toLocaleTimeString()}</time>
            <span className="log-status">{r.status}</span>
          </div>
        ))
      )}
    </div>
  );
}
