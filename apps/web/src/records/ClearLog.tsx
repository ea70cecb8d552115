// "Clear log": removes every mark of the chosen session, after a confirmation with a reason
// (the API keeps each removed mark in the audit trail).
import { useState } from 'react';
import { useClearSessionLog } from './useRecords.ts';
import { Confirm } from '../ui/Confirm.tsx';

export function ClearLog({ sessionId, sessionLabel }: { sessionId: string; sessionLabel: string }) {
  const clear = useClearSessionLog();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<number | null>(null);

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
        <Confirm
          label="Confirm clearing the log"
          confirmText="Yes, clear the log"
          onConfirm={() => clear.mutate({ sessionId, reason }, { onSuccess: (r) => (setDone(r.deleted), setConfirming(false), setReason('')) })}
          onCancel={() => setConfirming(false)}
          disabled={clear.isPending}
          error={clear.error}
        >
          <p>
            Remove every mark of the session of <strong>{sessionLabel}</strong>? The marks are kept only in the audit trail.
          </p>
          <label>
            Reason (optional)
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="Test run, wrong class…" autoFocus />
          </label>
        </Confirm>
      )}
    </>
  );
}
