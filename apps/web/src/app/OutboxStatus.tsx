// The outbox in the status bar: marks waiting or being sent, why sending is stopped, and the marks
// the server refused, each with its reason, to retry or (after a confirmation) discard.
import { useState, type ReactNode } from 'react';
import type { FailedMark, SenderState } from '@rollcall/sync';
import { refusalText, useDiscardMarks, useOutbox, useRetryMarks, useSenderState } from '../data/outbox.ts';
import { errorText } from '../ui/messages.ts';
import { Alert } from '../ui/Alert.tsx';
import { Confirm } from '../ui/Confirm.tsx';
import { formatLocale, t, tx } from '../core/i18n.ts';

/** A moment to the second, as the outbox shows it. */
const clock = (at: string | number) => new Date(at).toLocaleTimeString(formatLocale());

function sendingText(pending: number, sending: number, sender: SenderState): string {
  if (sending > 0)
    return t({ id: 'outbox.sending', defaultMessage: 'Sending {sending} of {pending, plural, one {# mark} other {# marks}}…' }, { sending, pending });
  if (sender.phase === 'unauthorized')
    return t({ id: 'outbox.waitingSignIn', defaultMessage: '{pending, plural, one {# mark} other {# marks}} waiting: sign in again to send' }, { pending });
  if (sender.phase === 'offline')
    return t({ id: 'outbox.waitingNetwork', defaultMessage: '{pending, plural, one {# mark} other {# marks}} waiting for the network' }, { pending });
  if (sender.phase === 'backoff' && sender.nextRetryAt)
    return t(
      {
        id: 'outbox.waitingRetry',
        defaultMessage: '{pending, plural, one {# mark} other {# marks}} waiting: server unreachable, retrying at {time}',
      },
      { pending, time: clock(sender.nextRetryAt) },
    );
  return t({ id: 'outbox.waiting', defaultMessage: '{pending, plural, one {# mark} other {# marks}} waiting' }, { pending });
}

function RefusedPanel({ refused }: { refused: readonly FailedMark[] }) {
  const retry = useRetryMarks();
  const discard = useDiscardMarks();
  const [confirming, setConfirming] = useState<readonly string[] | null>(null);
  const all = refused.map((f) => f.mark.id);
  return (
    <div className="refused-panel" role="region" aria-label={t({ id: 'outbox.refused.label', defaultMessage: 'Refused marks' })}>
      <ul>
        {refused.map((f) => (
          <li key={f.mark.id}>
            {tx(
              { id: 'outbox.refused.mark', defaultMessage: '<student>{studentId}</student> at {time}: {reason}' },
              {
                student: (chunks: ReactNode[]) => <strong key="student">{chunks}</strong>,
                studentId: f.mark.studentId,
                time: clock(f.mark.markedAt),
                reason: refusalText(f.reason),
              },
            )}
            {f.detail && <span className="hint"> ({f.detail})</span>}{' '}
            <button type="button" className="link" onClick={() => retry.mutate([f.mark.id])}>
              {t({ id: 'outbox.retry', defaultMessage: 'Retry' })}
            </button>
            <button type="button" className="link danger" onClick={() => setConfirming([f.mark.id])}>
              {t({ id: 'outbox.discard', defaultMessage: 'Discard' })}
            </button>
          </li>
        ))}
      </ul>
      {refused.length > 1 && (
        <div className="row">
          <button type="button" onClick={() => retry.mutate(all)}>
            {t({ id: 'outbox.retryAll', defaultMessage: 'Retry all' })}
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(all)}>
            {t({ id: 'outbox.discardAll', defaultMessage: 'Discard all' })}
          </button>
        </div>
      )}
      {confirming && (
        <Confirm
          label={t({ id: 'outbox.confirm.label', defaultMessage: 'Confirm discarding' })}
          confirmText={t({ id: 'outbox.discard', defaultMessage: 'Discard' })}
          cancelText={t({ id: 'outbox.keep', defaultMessage: 'Keep' })}
          onConfirm={() => discard.mutate(confirming, { onSuccess: () => setConfirming(null) })}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {t(
              {
                id: 'outbox.confirm.question',
                defaultMessage: '{count, plural, one {Discard # mark? It will never be recorded.} other {Discard # marks? They will never be recorded.}}',
              },
              { count: confirming.length },
            )}
          </p>
        </Confirm>
      )}
      {(retry.error ?? discard.error) && <Alert>{errorText(retry.error ?? discard.error)}</Alert>}
    </div>
  );
}

export function OutboxStatus() {
  const outbox = useOutbox();
  const sender = useSenderState();
  const refused = outbox.refused.length;
  return (
    <>
      <span
        className={`pill ${outbox.pending ? 'warn' : ''}`}
        aria-label={t({ id: 'outbox.pending.label', defaultMessage: 'Marks waiting to be sent' })}
        title={sender.lastError?.message}
      >
        {sendingText(outbox.pending, outbox.sending, sender)}
      </span>
      {refused > 0 && (
        <details className="refused">
          <summary className="pill bad" aria-label={t({ id: 'outbox.refused.summaryLabel', defaultMessage: 'Marks the server refused' })}>
            {t({ id: 'outbox.refused.summary', defaultMessage: '{refused, plural, one {# mark refused} other {# marks refused}}' }, { refused })}
          </summary>
          <RefusedPanel refused={outbox.refused} />
        </details>
      )}
    </>
  );
}
