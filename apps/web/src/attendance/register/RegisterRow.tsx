// One student in the register: name, status, and buttons to set the status by hand. Excused asks
// for an optional reason first. Each button's accessible name says what it does to whom.
import { useState } from 'react';
import type { RegisterStatus } from '@rollcall/contracts';
import { ConsentBadge } from '../../ui/ConsentBadge.tsx';
import { MarkReason } from '../../ui/MarkReason.tsx';
import type { ViewRow } from './register-view.ts';
import { METHOD_TEXT, STATUS_TEXT } from '../../ui/status-text.ts';
import { formatTime } from '../../ui/format.ts';
import { t } from '../../core/i18n.ts';

const CHOICES: RegisterStatus[] = ['present', 'late', 'excused', 'absent', 'not-seen'];

/** A button's accessible name, the whole sentence with the status in it: "Mark Ann Lee present". */
const markLabel = (name: string, status: RegisterStatus) =>
  t(
    {
      id: 'attendance.register.markAs',
      defaultMessage: 'Mark {name} {status, select, present {present} late {late} excused {excused} absent {absent} other {not seen}}',
    },
    { name, status },
  );

export function RegisterRow({ row, manual, onMark }: { row: ViewRow; manual: boolean; onMark: (status: RegisterStatus, reason?: string) => void }) {
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const choose = (s: RegisterStatus) => (s === 'excused' ? setAskReason(true) : onMark(s));
  const how = row.waiting ? t({ id: 'attendance.register.waiting', defaultMessage: 'waiting to send' }) : row.method ? METHOD_TEXT[row.method] : null;
  return (
    <li className={`register-row status-row-${row.status}`}>
      <div className="register-who">
        <span className="register-name">{row.name}</span>
        {manual && <ConsentBadge student={{ cameraFree: true }} />}
        <span className={`status status-${row.status}`}>{STATUS_TEXT[row.status]}</span>
        {how && (
          <span className="hint register-how">
            {how}
            {row.markedAt && !row.waiting ? ` · ${formatTime(row.markedAt)}` : ''}
          </span>
        )}
        <MarkReason row={row} />
        {!row.onRoster && <span className="hint">{t({ id: 'attendance.register.notOnRoster', defaultMessage: 'not on the roster' })}</span>}
      </div>
      <div
        className="register-actions"
        role="group"
        aria-label={t({ id: 'attendance.register.setStatus', defaultMessage: "Set {name}'s status" }, { name: row.name })}
      >
        {CHOICES.map((s) => (
          <button key={s} type="button" className="small" aria-label={markLabel(row.name, s)} aria-pressed={row.status === s} onClick={() => choose(s)}>
            {STATUS_TEXT[s]}
          </button>
        ))}
      </div>
      {askReason && (
        <form
          className="row register-reason-form"
          onSubmit={(e) => {
            e.preventDefault();
            onMark('excused', reason.trim() || undefined);
            setAskReason(false);
            setReason('');
          }}
        >
          <label className="inline">
            {t({ id: 'attendance.register.reason', defaultMessage: 'Reason (optional)' })}
            <input
              autoFocus
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              aria-label={t({ id: 'attendance.register.reasonFor', defaultMessage: 'Reason {name} is excused (optional)' }, { name: row.name })}
            />
          </label>
          <button type="submit" className="small primary">
            {t({ id: 'attendance.register.excuse', defaultMessage: 'Excuse {name}' }, { name: row.name })}
          </button>
          <button type="button" className="small" onClick={() => setAskReason(false)}>
            {t({ id: 'common.cancel', defaultMessage: 'Cancel' })}
          </button>
        </form>
      )}
    </li>
  );
}
