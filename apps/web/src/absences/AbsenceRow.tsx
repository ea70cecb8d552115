// One absence to explain: who, where and when, and a one-field form for the reason (the school's
// listed reasons are suggested as you type; any words of your own are kept as they are), and the
// guardians to call.
import { useState, type FormEvent } from 'react';
import type { Absence } from '@rollcall/contracts';
import { formatTime } from '../ui/format.ts';
import { errorText } from '../ui/messages.ts';
import { GuardianContacts } from './GuardianContacts.tsx';
import { useExplainAbsence } from '../data/absences.ts';
import { Alert } from '../ui/Alert.tsx';

export function AbsenceRow({ absence: a, onExplained }: { absence: Absence; onExplained: () => void }) {
  const explain = useExplainAbsence();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const when = `${formatTime(a.startsAt)}–${formatTime(a.endsAt)}`;
  const errorId = `absence-error-${a.sessionId}-${a.studentId}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    explain.mutate({ sessionId: a.sessionId, studentId: a.studentId, reason: reason.trim() }, { onSuccess: onExplained });
  };

  const problem = missing ? 'Write or pick a reason first.' : explain.error ? errorText(explain.error) : null;
  return (
    <tr>
      <th scope="row">
        {a.name}
        <span className="hint"> ({a.studentId})</span>
        <GuardianContacts studentId={a.studentId} name={a.name} />
      </th>
      <td>{a.className}</td>
      <td>
        {a.period ?? 'No period'} <span className="hint">{when}</span>
      </td>
      <td>{a.teachers.join(', ') || 'No teacher'}</td>
      <td>
        <form className="row" onSubmit={submit} aria-label={`Explain ${a.name}'s absence from ${a.className} at ${formatTime(a.startsAt)}`}>
          <label className="inline">
            <span className="sr-only">
              Reason {a.name} was absent from {a.className} at {formatTime(a.startsAt)}
            </span>
            <input
              data-reason
              list="absence-reasons"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder="e.g. Illness"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? errorId : undefined}
            />
          </label>
          <button type="submit" disabled={explain.isPending}>
            Record<span className="sr-only"> reason for {a.name}</span>
          </button>
          {problem && <Alert id={errorId}>{problem}</Alert>}
        </form>
      </td>
    </tr>
  );
}
