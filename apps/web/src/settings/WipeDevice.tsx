// "Wipe this device": removes the cached roster, the face embeddings and the outbox after a
// confirmation; marks not yet sent are named in a warning and need a second, explicit consent.
import { useState } from 'react';
import { errorText } from '../ui/messages.ts';
import { usePendingCount, useWipeDevice } from './useDeviceSettings.ts';
import { Alert } from '../ui/Alert.tsx';
import { Confirm } from '../ui/Confirm.tsx';
import { t } from '../core/i18n.ts';

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
      <h3 id="wipe-title">{t({ id: 'settings.wipe.title', defaultMessage: 'Wipe this device' })}</h3>
      <p className="hint">
        {t({
          id: 'settings.wipe.hint',
          defaultMessage:
            'Removes every student, face embedding and class cached on this device, and every mark waiting to be sent. The server keeps its copy; the next sync downloads it again.',
        })}
      </p>
      {!confirming ? (
        <button type="button" className="danger" onClick={() => (setConfirming(true), setAcceptLoss(false))}>
          {t({ id: 'settings.wipe.title', defaultMessage: 'Wipe this device' })}
        </button>
      ) : (
        <Confirm
          label={t({ id: 'settings.wipe.confirmLabel', defaultMessage: 'Confirm wiping this device' })}
          confirmText={t({ id: 'settings.wipe.confirm', defaultMessage: 'Yes, wipe this device' })}
          onConfirm={() => wipe.mutate()}
          onCancel={() => setConfirming(false)}
          disabled={!ready || wipe.isPending}
          error={wipe.error}
        >
          {pending.isPending ? (
            <p>{t({ id: 'settings.wipe.checking', defaultMessage: 'Checking for marks not yet sent…' })}</p>
          ) : pending.error ? (
            <Alert>{errorText(pending.error)}</Alert>
          ) : waiting > 0 ? (
            <>
              <Alert tone="warning">
                <strong>
                  {t(
                    {
                      id: 'settings.wipe.unsent',
                      defaultMessage: '{waiting, plural, one {# mark has} other {# marks have}} not reached the server and will be lost.',
                    },
                    { waiting },
                  )}
                </strong>{' '}
                {refused > 0 &&
                  `${t({ id: 'settings.wipe.refused', defaultMessage: '{refused} of them {refused, plural, one {was} other {were}} refused by the server.' }, { refused })} `}
                {t(
                  {
                    id: 'settings.wipe.reconnect',
                    defaultMessage: 'Reconnect and wait for {waiting, plural, one {it} other {them}} to be sent, or wipe anyway.',
                  },
                  { waiting },
                )}
              </Alert>
              <label className="inline">
                <input type="checkbox" checked={acceptLoss} onChange={(e) => setAcceptLoss(e.target.checked)} />
                {t(
                  { id: 'settings.wipe.acceptLoss', defaultMessage: 'I understand that {waiting, plural, one {this mark} other {these # marks}} will be lost' },
                  { waiting },
                )}
              </label>
            </>
          ) : (
            <p>
              {t({ id: 'settings.wipe.allSent', defaultMessage: 'Every mark has reached the server. Wipe the cached roster and embeddings from this device?' })}
            </p>
          )}
        </Confirm>
      )}
    </section>
  );
}
