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
import { t } from '../../core/i18n.ts';

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
    <section aria-label={t({ id: 'attendance.register.label', defaultMessage: 'Register' })} className="register card" ref={panel}>
      <p className="eyebrow">
        {final
          ? t({ id: 'attendance.register.finalTitle', defaultMessage: 'Final register' })
          : t({ id: 'attendance.register.title', defaultMessage: 'Register' })}{' '}
        {badge}
      </p>
      {view && (
        <PrintButton
          target={panel}
          label={
            final
              ? t({ id: 'attendance.register.printFinal', defaultMessage: 'Print the final register' })
              : t({ id: 'attendance.register.print', defaultMessage: 'Print register' })
          }
        />
      )}
      {copySavedAt != null && (
        <p className="notice" role="status">
          {t(
            {
              id: 'attendance.register.keptCopy',
              defaultMessage:
                'No connection to the server: showing the copy kept on this laptop (from {time}) with the marks made here since. They are sent when the network is back.',
            },
            { time: formatTime(copySavedAt) },
          )}
        </p>
      )}
      {error && !view && (
        <Alert>{t({ id: 'attendance.register.loadFailed', defaultMessage: 'The register could not be loaded: {error}' }, { error: errorText(error) })}</Alert>
      )}
      {!view && !error && <p className="hint">{t({ id: 'attendance.register.loading', defaultMessage: 'Loading the register…' })}</p>}
      {view && (
        <>
          <div aria-live="polite">
            <h3 className="register-count">
              {t({ id: 'attendance.register.count', defaultMessage: '{here} of {total} here' }, { here: view.counts.here, total: view.counts.total })}
            </h3>
            <p className="hint">
              {[
                view.counts.excused &&
                  t({ id: 'attendance.register.excused', defaultMessage: '{count, plural, other {# excused}}' }, { count: view.counts.excused }),
                view.counts.absent &&
                  t({ id: 'attendance.register.absent', defaultMessage: '{count, plural, other {# absent}}' }, { count: view.counts.absent }),
                view.counts.notSeen &&
                  t({ id: 'attendance.register.notSeen', defaultMessage: '{count, plural, other {# not seen yet}}' }, { count: view.counts.notSeen }),
              ]
                .filter(Boolean)
                .join(' · ') || t({ id: 'attendance.register.allMarked', defaultMessage: 'Everyone has a mark.' })}
            </p>
          </div>
          {view.rows.length === 0 ? (
            <p className="hint">{t({ id: 'attendance.register.emptyRoster', defaultMessage: 'This class has no students on its roster.' })}</p>
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
