// One absence to explain: who, where and when, and a one-field form for the reason (the school's
// listed reasons are suggested as you type; any words of your own are kept as they are), and the
// guardians to call.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Absence } from '@rollcall/contracts';
import { formatTime } from '../ui/format.ts';
import { errorText } from '../ui/messages.ts';
import { GuardianContacts } from './GuardianContacts.tsx';
import { useExplainAbsence } from '../data/absences.ts';
import { Alert } from '../ui/Alert.tsx';
import { t, translator, tx } from '../core/i18n.ts';

const teacherList = (names: string[]) => translator().intl.formatList(names, { type: 'unit', style: 'short' });

export function AbsenceRow({ absence: a, onExplained }: { absence: Absence; onExplained: () => void }) {
  const explain = useExplainAbsence();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const when = t({ id: 'absences.row.when', defaultMessage: '{start}–{end}' }, { start: formatTime(a.startsAt), end: formatTime(a.endsAt) });
  const at = { name: a.name, className: a.className, time: formatTime(a.startsAt) };
  const errorId = `absence-error-${a.sessionId}-${a.studentId}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    explain.mutate({ sessionId: a.sessionId, studentId: a.studentId, reason: reason.trim() }, { onSuccess: onExplained });
  };

  const problem = missing
    ? t({ id: 'absences.row.reasonMissing', defaultMessage: 'Write or pick a reason first.' })
    : explain.error
      ? errorText(explain.error)
      : null;
  return (
    <tr>
      <th scope="row">
        {a.name}
        <span className="hint"> ({a.studentId})</span>
        <GuardianContacts studentId={a.studentId} name={a.name} />
      </th>
      <td>{a.className}</td>
      <td>
        {a.period ?? t({ id: 'absences.row.noPeriod', defaultMessage: 'No period' })} <span className="hint">{when}</span>
      </td>
      <td>{a.teachers.length > 0 ? teacherList(a.teachers) : t({ id: 'absences.row.noTeacher', defaultMessage: 'No teacher' })}</td>
      <td>
        <form
          className="row"
          onSubmit={submit}
          aria-label={t({ id: 'absences.row.formLabel', defaultMessage: "Explain {name}'s absence from {className} at {time}" }, at)}
        >
          <label className="inline">
            <span className="sr-only">{t({ id: 'absences.row.reasonLabel', defaultMessage: 'Reason {name} was absent from {className} at {time}' }, at)}</span>
            <input
              data-reason
              list="absence-reasons"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder={t({ id: 'absences.row.reasonPlaceholder', defaultMessage: 'e.g. Illness' })}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? errorId : undefined}
            />
          </label>
          <button type="submit" disabled={explain.isPending}>
            {tx(
              { id: 'absences.row.record', defaultMessage: 'Record<sr> reason for {name}</sr>' },
              {
                name: a.name,
                sr: (chunks: ReactNode[]) => (
                  <span key="sr" className="sr-only">
                    {chunks}
                  </span>
                ),
              },
            )}
          </button>
          {problem && <Alert id={errorId}>{problem}</Alert>}
        </form>
      </td>
    </tr>
  );
}
