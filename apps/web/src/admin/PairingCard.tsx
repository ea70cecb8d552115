// Shown once, right after a laptop is registered: the pairing code to type on the laptop (and a
// QR code of the pairing address for a tablet), and the full token for the command line.
import type { ResponseOf } from '@rollcall/contracts';
import { href } from '../core/router.ts';
import { QrCode } from './QrCode.tsx';
import { formatTime } from '../ui/format.ts';

export function PairingCard({ created, onClose }: { created: ResponseOf<'createDevice'>; onClose: () => void }) {
  const code = created.pairing.code;
  const url = `${location.origin}${location.pathname}${href({ page: 'pair', code })}`;
  const until = formatTime(created.pairing.expiresAt);
  return (
    <div className="card pairing" role="region" aria-labelledby="pairing-title">
      <h3 id="pairing-title">Pair “{created.device.name}”</h3>
      <p>
        On the classroom laptop, open Rollcall, choose <strong>Set up this classroom laptop</strong> and type this code before {until}:
      </p>
      <p className="pairing-code" aria-label={`Pairing code ${code.split('').join(' ')}`}>
        {code}
      </p>
      <div className="row">
        <QrCode text={url} label={`QR code that opens ${url}`} />
        <p className="hint">Or scan this with a tablet&apos;s camera. The code works once; this page will not show it again.</p>
      </div>
      <details>
        <summary>Token for the command line</summary>
        <p className="hint">For the rollcall CLI or a script (ROLLCALL_TOKEN). Keep it secret, like a password.</p>
        <code className="token">{created.token}</code>
      </details>
      <button type="button" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
