// The live attendance log: one row per mark with student id, name and time, newest first.
import { t, translator } from '../core/i18n.ts';
import type { LogRow, LogStatus } from './useLiveLog.ts';

/** A log row's status in words: the server's status, or where this device's mark is on its way. */
function statusText(status: LogStatus): string {
  return t(
    {
      id: 'attendance.log.status',
      defaultMessage:
        '{status, select, present {present} late {late} excused {excused} absent {absent} unsent {not sent} sent {sent} waiting {waiting to send} other {{status}}}',
    },
    { status },
  );
}

export function LiveLog({ rows }: { rows: LogRow[] }) {
  return (
    <div role="log" aria-label={t({ id: 'attendance.log.label', defaultMessage: 'Attendance log' })} aria-live="polite" className="live-log">
      {rows.length === 0 ? (
        <p className="hint">{t({ id: 'attendance.log.empty', defaultMessage: 'No one marked yet.' })}</p>
      ) : (
        rows.map((r) => (
          <div key={r.id} className={`log-row ${r.waiting ? 'waiting' : ''} ${r.failed ? 'failed' : ''}`}>
            <span className="log-id">{r.studentId}</span>
            <span className="log-name">{r.name ?? t({ id: 'attendance.log.unknownName', defaultMessage: '(unknown name)' })}</span>
            <time dateTime={r.at}>{translator().intl.formatTime(r.at, { timeStyle: 'medium' })}</time>
            <span className="log-status">{statusText(r.status)}</span>
          </div>
        ))
      )}
    </div>
  );
}
