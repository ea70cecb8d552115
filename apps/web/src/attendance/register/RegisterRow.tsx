// One student in the register: name, status, and buttons to set the status by hand. Excused asks
// for an optional reason first. Each button's accessible name says what it does to whom.
import { useState } from 'react';
import type { RegisterStatus } from '@rollcall/contracts';
import { ConsentBadge } from '../../ui/ConsentBadge.tsx';
import { MarkReason } from '../../ui/MarkReason.tsx';
import type { ViewRow } from './register-view.ts';
import { METHOD_TEXT, STATUS_TEXT, STATUS_VERB } from '../../ui/status-text.ts';
import { formatTime } from '../../ui/format.ts';

const CHOICES: RegisterStatus[] = ['present', 'late', 'excused', 'absent', 'not-seen'];

export function RegisterRow({ row, manual, onMark }: { row: ViewRow; manual: boolean; onMark: (status: RegisterStatus, reason?: string) => void }) {
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const choose = (s: RegisterStatus) => (s === 'excused' ? setAskReason(true) : onMark(s));
  const how = row.waiting ? 'waiting to send' : row.method ? METHOD_TEXT[row.method] : null;
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
        {!row.onRoster && <span className="hint">not on the roster</span>}
      </div>
      <div className="register-actions" role="group" aria-label={`Set ${row.name}'s status`}>
        {CHOICES.map((s) => (
          <button
            key={s}
            type="button"
            className="small"
            aria-label={`Mark ${row.name} ${STATUS_VERB[s]}`}
            aria-pressed={row.status === s}
            onClick={() => choose(s)}
          >
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
            Reason (optional)
            <input
              autoFocus
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              aria-label={`Reason ${row.name} is excused (optional)`}
            />
          </label>
          <button type="submit" className="small primary">
            Excuse {row.name}
          </button>
          <button type="button" className="small" onClick={() => setAskReason(false)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}
