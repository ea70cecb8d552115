// "Clear log": removes every mark of the chosen session, after a confirmation with a reason
// (the API keeps each removed mark in the audit trail).
import { useState } from 'react';
import { useClearSessionLog } from './useRecords.ts';
import { Confirm } from '../ui/Confirm.tsx';
import { t, tx } from '../core/i18n.ts';

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
        title={sessionId ? undefined : t({ id: 'records.clear.chooseFirst', defaultMessage: 'Choose a class and a session first' })}
        onClick={() => (setConfirming(true), setDone(null))}
      >
        {t({ id: 'records.clear.button', defaultMessage: 'Clear log' })}
      </button>
      {done !== null && (
        <p role="status" className="ok">
          {t({ id: 'records.clear.done', defaultMessage: '{count, plural, one {Cleared # mark.} other {Cleared # marks.}}' }, { count: done })}
        </p>
      )}
      {confirming && (
        <Confirm
          label={t({ id: 'records.clear.confirmLabel', defaultMessage: 'Confirm clearing the log' })}
          confirmText={t({ id: 'records.clear.confirm', defaultMessage: 'Yes, clear the log' })}
          onConfirm={() => clear.mutate({ sessionId, reason }, { onSuccess: (r) => (setDone(r.deleted), setConfirming(false), setReason('')) })}
          onCancel={() => setConfirming(false)}
          disabled={clear.isPending}
          error={clear.error}
        >
          <p>
            {tx(
              {
                id: 'records.clear.question',
                defaultMessage: 'Remove every mark of the session of <strong>{session}</strong>? The marks are kept only in the audit trail.',
              },
              { session: sessionLabel, strong: (chunks: React.ReactNode) => <strong>{chunks}</strong> },
            )}
          </p>
          <label>
            {t({ id: 'records.clear.reason', defaultMessage: 'Reason (optional)' })}
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              placeholder={t({ id: 'records.clear.reasonExample', defaultMessage: 'Test run, wrong class…' })}
              autoFocus
            />
          </label>
        </Confirm>
      )}
    </>
  );
}
