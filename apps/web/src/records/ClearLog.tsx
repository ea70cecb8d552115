// "Clear log": removes every mark of the chosen session, after a confirmation with a reason
// (the API keeps each removed mark in the audit trail).
import { useState, type FormEvent } from 'react';
import { useClearSessionLog } from './useRecords.ts';
import { ErrorAlert } from '../ui/Alert.tsx';

export function ClearLog({ sessionId, sessionLabel }: { sessionId: string; sessionLabel: string }) {
  const clear = useClearSessionLog();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<number | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    clear.mutate({ sessionId, reason }, { onSuccess: (r) => (setDone(r.deleted), setConfirming(false), setReason('')) });
  };

  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={!sessionId || confirming}
        title={sessionId ? undefined : 'Choose a class and a session first'}
        onClick={() => (setConfirming(true), setDone(null))}
      >
        Clear log
      </button>
      {done !== null && (
        <p role="status" className="ok">
          Cleared {done} {done === 1 ? 'mark' : 'marks'}.
        </p>
      )}
      {confirming && (
        <form className="confirm" role="alertdialog" aria-label="Confirm clearing the log" onSubmit={submit}>
          <p>
            Remove every mark of the session of <strong>{sessionLabel}</strong>? The marks are kept only in the audit trail.
          </p>
          <label>
            Reason (optional)
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="Test run, wrong class…" autoFocus />
          </label>
          <div className="row">
            <button type="submit" className="danger" disabled={clear.isPending}>
              Yes, clear the log
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
          <ErrorAlert error={clear.error} />
        </form>
      )}
    </>
  );
}
