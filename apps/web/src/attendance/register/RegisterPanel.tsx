// The register beside the camera: every roster student with their status in the running session
// (or the session just ended), updated live, each markable by hand. The heading says how many are
// here; a notice says when it is the copy kept on this laptop.
import { useRef } from 'react';
import type { RegisterStatus } from '@rollcall/contracts';
import { PrintButton } from '../../ui/PrintButton.tsx';
import { errorText } from '../../ui/messages.ts';
import type { RegisterView } from './register-view.ts';
import { RegisterRow } from './RegisterRow.tsx';
import { Alert } from '../../ui/Alert.tsx';
import { formatTime } from '../../ui/format.ts';

interface Props {
  view: RegisterView | null;
  error: Error | null;
  onMark: (studentId: string, status: RegisterStatus, reason?: string) => void;
  /** Shown beside the heading. */
  badge?: React.ReactNode;
  /** Students registered by hand only (no consent): their rows carry the "manual" badge. */
  cameraFree?: ReadonlySet<string>;
  /** The server cannot be reached: this is the copy kept on this laptop, saved then (epoch ms). */
  copySavedAt?: number | null;
  /** The session has ended: this is its final register. */
  final?: boolean;
}

export function RegisterPanel({ view, error, onMark, badge, cameraFree, copySavedAt, final }: Props) {
  // The paper copy is this panel alone: the camera box, the log and every button stay off it.
  const panel = useRef<HTMLElement>(null);
  return (
    <section aria-label="Register" className="register card" ref={panel}>
      <p className="eyebrow">
        {final ? 'Final register' : 'Register'} {badge}
      </p>
      {view && <PrintButton target={panel} label={final ? 'Print the final register' : 'Print register'} />}
      {copySavedAt != null && (
        <p className="notice" role="status">
          No connection to the server: showing the copy kept on this laptop (from {formatTime(copySavedAt)}) with the marks made here since. They are sent when
          the network is back.
        </p>
      )}
      {error && !view && <Alert>The register could not be loaded: {errorText(error)}</Alert>}
      {!view && !error && <p className="hint">Loading the register…</p>}
      {view && (
        <>
          <div aria-live="polite">
            <h3 className="register-count">
              {view.counts.here} of {view.counts.total} here
            </h3>
            <p className="hint">
              {[
                view.counts.excused && `${view.counts.excused} excused`,
                view.counts.absent && `${view.counts.absent} absent`,
                view.counts.notSeen && `${view.counts.notSeen} not seen yet`,
              ]
                .filter(Boolean)
                .join(' · ') || 'Everyone has a mark.'}
            </p>
          </div>
          {view.rows.length === 0 ? (
            <p className="hint">This class has no students on its roster.</p>
          ) : (
            <ul className="register-list">
              {view.rows.map((r) => (
                <RegisterRow
                  key={r.studentId}
                  row={r}
                  manual={cameraFree?.has(r.studentId) ?? false}
                  onMark={(status, reason) => onMark(r.studentId, status, reason)}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
