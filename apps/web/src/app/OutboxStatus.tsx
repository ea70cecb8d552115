// The outbox in the status bar: marks waiting or being sent, why sending is stopped, and the marks
// the server refused, each with its reason, to retry or (after a confirmation) discard.
import { useState } from 'react';
import type { FailedMark, SenderState } from '@rollcall/sync';
import { REFUSAL_TEXT, useDiscardMarks, useOutbox, useRetryMarks, useSenderState } from '../data/outbox.ts';
import { errorText } from '../ui/messages.ts';
import { Alert } from '../ui/Alert.tsx';
import { Confirm } from '../ui/Confirm.tsx';

function sendingText(pending: number, sending: number, sender: SenderState): string {
  const marks = `${pending} mark${pending === 1 ? '' : 's'}`;
  if (sending > 0) return `Sending ${sending} of ${marks}…`;
  if (sender.phase === 'unauthorized') return `${marks} waiting: sign in again to send`;
  if (sender.phase === 'offline') return `${marks} waiting for the network`;
  if (sender.phase === 'backoff' && sender.nextRetryAt)
    return `${marks} waiting: server unreachable, retrying at ${new Date(sender.nextRetryAt).toLocaleTimeString()}`;
  return `${marks} waiting`;
}

function RefusedPanel({ refused }: { refused: readonly FailedMark[] }) {
  const retry = useRetryMarks();
  const discard = useDiscardMarks();
  const [confirming, setConfirming] = useState<readonly string[] | null>(null);
  const all = refused.map((f) => f.mark.id);
  return (
    <div className="refused-panel" role="region" aria-label="Refused marks">
      <ul>
        {refused.map((f) => (
          <li key={f.mark.id}>
            <strong>{f.mark.studentId}</strong> at {new Date(f.mark.markedAt).toLocaleTimeString()}: {REFUSAL_TEXT[f.reason]}
            {f.detail && <span className="hint"> ({f.detail})</span>}{' '}
            <button type="button" className="link" onClick={() => retry.mutate([f.mark.id])}>
              Retry
            </button>
            <button type="button" className="link danger" onClick={() => setConfirming([f.mark.id])}>
              Discard
            </button>
          </li>
        ))}
      </ul>
      {refused.length > 1 && (
        <div className="row">
          <button type="button" onClick={() => retry.mutate(all)}>
            Retry all
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(all)}>
            Discard all
          </button>
        </div>
      )}
      {confirming && (
        <Confirm
          label="Confirm discarding"
          confirmText="Discard"
          cancelText="Keep"
          onConfirm={() => discard.mutate(confirming, { onSuccess: () => setConfirming(null) })}
          onCancel={() => setConfirming(null)}
        >
          <p>
            Discard {confirming.length} mark{confirming.length === 1 ? '' : 's'}? {confirming.length === 1 ? 'It' : 'They'} will never be recorded.
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
      <span className={`pill ${outbox.pending ? 'warn' : ''}`} aria-label="Marks waiting to be sent" title={sender.lastError?.message}>
        {sendingText(outbox.pending, outbox.sending, sender)}
      </span>
      {refused > 0 && (
        <details className="refused">
          <summary className="pill bad" aria-label="Marks the server refused">
            {refused} mark{refused === 1 ? '' : 's'} refused
          </summary>
          <RefusedPanel refused={outbox.refused} />
        </details>
      )}
    </>
  );
}
