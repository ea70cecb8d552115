// "Wipe this device": removes the cached roster, the face embeddings and the outbox after a
// confirmation; marks not yet sent are named in a warning and need a second, explicit consent.
import { useState } from 'react';
import { errorText } from '../ui/messages.ts';
import { usePendingCount, useWipeDevice } from './useDeviceSettings.ts';
import { Alert } from '../ui/Alert.tsx';
import { Confirm } from '../ui/Confirm.tsx';

export function WipeDevice() {
  const [confirming, setConfirming] = useState(false);
  const [acceptLoss, setAcceptLoss] = useState(false);
  const pending = usePendingCount(confirming);
  const wipe = useWipeDevice();
  const refused = pending.data?.refused.length ?? 0;
  const waiting = (pending.data?.pending ?? 0) + refused;
  const ready = pending.isSuccess && (waiting === 0 || acceptLoss);

  return (
    <section className="card danger-zone" aria-labelledby="wipe-title">
      <h3 id="wipe-title">Wipe this device</h3>
      <p className="hint">
        Removes every student, face embedding and class cached on this device, and every mark waiting to be sent. The server keeps its copy; the next sync
        downloads it again.
      </p>
      {!confirming ? (
        <button type="button" className="danger" onClick={() => (setConfirming(true), setAcceptLoss(false))}>
          Wipe this device
        </button>
      ) : (
        <Confirm
          label="Confirm wiping this device"
          confirmText="Yes, wipe this device"
          onConfirm={() => wipe.mutate()}
          onCancel={() => setConfirming(false)}
          disabled={!ready || wipe.isPending}
          error={wipe.error}
        >
          {pending.isPending ? (
            <p>Checking for marks not yet sent…</p>
          ) : pending.error ? (
            <Alert>{errorText(pending.error)}</Alert>
          ) : waiting > 0 ? (
            <>
              <Alert tone="warning">
                <strong>
                  {waiting} {waiting === 1 ? 'mark has' : 'marks have'} not reached the server and will be lost.
                </strong>{' '}
                {refused > 0 && `${refused} of them ${refused === 1 ? 'was' : 'were'} refused by the server. `}
                Reconnect and wait for {waiting === 1 ? 'it' : 'them'} to be sent, or wipe anyway.
              </Alert>
              <label className="inline">
                <input type="checkbox" checked={acceptLoss} onChange={(e) => setAcceptLoss(e.target.checked)} />I understand that{' '}
                {waiting === 1 ? 'this mark' : `these ${waiting} marks`} will be lost
              </label>
            </>
          ) : (
            <p>Every mark has reached the server. Wipe the cached roster and embeddings from this device?</p>
          )}
        </Confirm>
      )}
    </section>
  );
}
