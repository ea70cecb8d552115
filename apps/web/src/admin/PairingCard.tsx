// Shown once, right after a laptop is registered: the pairing code to type on the laptop (and a
// QR code of the pairing address for a tablet), and the full token for the command line.
import type { ResponseOf } from '@rollcall/contracts';
import { href } from '../core/router.ts';
import { QrCode } from './QrCode.tsx';
import { formatTime } from '../ui/format.ts';
import type { ReactNode } from 'react';
import { t, tx } from '../core/i18n.ts';

export function PairingCard({ created, onClose }: { created: ResponseOf<'createDevice'>; onClose: () => void }) {
  const code = created.pairing.code;
  const url = `${location.origin}${location.pathname}${href({ page: 'pair', code })}`;
  const until = formatTime(created.pairing.expiresAt);
  return (
    <div className="card pairing" role="region" aria-labelledby="pairing-title">
      <h3 id="pairing-title">{t({ id: 'admin.pairing.title', defaultMessage: 'Pair “{name}”' }, { name: created.device.name })}</h3>
      <p>
        {tx(
          {
            id: 'admin.pairing.howTo',
            defaultMessage: 'On the classroom laptop, open Rollcall, choose <b>Set up this classroom laptop</b> and type this code before {until}:',
          },
          { until, b: (chunks: ReactNode[]) => <strong key="b">{chunks}</strong> },
        )}
      </p>
      <p className="pairing-code" aria-label={t({ id: 'admin.pairing.codeLabel', defaultMessage: 'Pairing code {code}' }, { code: code.split('').join(' ') })}>
        {code}
      </p>
      <div className="row">
        <QrCode text={url} label={t({ id: 'admin.pairing.qrLabel', defaultMessage: 'QR code that opens {url}' }, { url })} />
        <p className="hint">
          {t({ id: 'admin.pairing.scan', defaultMessage: "Or scan this with a tablet's camera. The code works once; this page will not show it again." })}
        </p>
      </div>
      <details>
        <summary>{t({ id: 'admin.pairing.token', defaultMessage: 'Token for the command line' })}</summary>
        <p className="hint">
          {t({ id: 'admin.pairing.tokenHint', defaultMessage: 'For the rollcall CLI or a script (ROLLCALL_TOKEN). Keep it secret, like a password.' })}
        </p>
        <code className="token">{created.token}</code>
      </details>
      <button type="button" onClick={onClose}>
        {t({ id: 'admin.pairing.done', defaultMessage: 'Done' })}
      </button>
    </div>
  );
}
