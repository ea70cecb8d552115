// The line under the class choice: what marks made now belong to (the running session, or the
// day only), when the session just ended ended, and starting a session or ending it with a
// confirmation that says who will be marked absent.
import { useState } from 'react';
import type { ClassSession } from '@rollcall/contracts';
import { useEndSession, useStartSession } from '../../data/remote.ts';
import { ErrorAlert } from '../../ui/Alert.tsx';
import { Confirm } from '../../ui/Confirm.tsx';
import { formatTime } from '../../ui/format.ts';
import { t, translator, tx } from '../../core/i18n.ts';

interface Props {
  classId: string | null;
  session: ClassSession | null;
  loading: boolean;
  /** With no session running: the one shown below as its final register (just ended). */
  ended: ClassSession | null;
  /** The server cannot be reached; a running session shown is the one kept on this laptop. */
  unreachable: boolean;
  /** Signed in, as a teacher, an admin or the class's paired laptop. */
  canManage: boolean;
  /** Names of roster students with no mark yet, for the end-of-session confirmation. */
  notSeen: string[];
}

function StatusLine({ session, ended, unreachable, canManage }: Pick<Props, 'session' | 'ended' | 'unreachable' | 'canManage'>) {
  if (session?.active)
    return (
      <p className="session-line" role="status">
        {t(
          { id: 'attendance.session.running', defaultMessage: 'Session running since {time}; arrivals after {minutes, plural, other {# min}} are late.' },
          { time: formatTime(session.startsAt), minutes: session.lateAfterMinutes },
        )}
      </p>
    );
  if (unreachable)
    return (
      <p className="session-line notice" role="status">
        {t({
          id: 'attendance.session.unreachable',
          defaultMessage:
            'The server cannot be reached and this laptop kept no running session for this class. Marks made now count for today and are sent when the network is back.',
        })}
      </p>
    );
  if (ended)
    return (
      <p className="session-line" role="status">
        {ended.endsAt
          ? t({ id: 'attendance.session.endedAt', defaultMessage: 'Session ended at {time}: its final register is below.' }, { time: formatTime(ended.endsAt) })
          : t({ id: 'attendance.session.ended', defaultMessage: 'Session ended: its final register is below.' })}{' '}
        {canManage ? t({ id: 'attendance.session.startNextHint', defaultMessage: 'Start the next session when the next lesson begins.' }) : ''}
      </p>
    );
  return (
    <p className="session-line" role="status">
      {t({ id: 'attendance.session.none', defaultMessage: 'No session running for this class.' })}{' '}
      {canManage
        ? t({ id: 'attendance.session.startOne', defaultMessage: 'Start one to take its register.' })
        : t({ id: 'attendance.session.signInToStart', defaultMessage: 'Sign in to start one.' })}
    </p>
  );
}

export function SessionBar({ classId, session, loading, ended, unreachable, canManage, notSeen }: Props) {
  const start = useStartSession();
  const end = useEndSession();
  const [late, setLate] = useState(10);
  const [confirming, setConfirming] = useState(false);
  const error = start.error ?? end.error;

  if (!classId) {
    return (
      <p className="session-line notice" role="status">
        {tx(
          {
            id: 'attendance.session.noClass',
            defaultMessage:
              'All students (today): marks made now belong to <strong>no class</strong> and count for today only. Choose a class to take its register.',
          },
          { strong: (chunks: React.ReactNode) => <strong>{chunks}</strong> },
        )}
      </p>
    );
  }
  if (loading) return <p className="session-line hint">{t({ id: 'attendance.session.looking', defaultMessage: 'Looking for a running session…' })}</p>;
  return (
    <div className="session-bar">
      <StatusLine session={session} ended={ended} unreachable={unreachable} canManage={canManage} />
      {canManage && !session?.active && !unreachable && (
        <div className="row">
          <label className="inline">
            {t({ id: 'attendance.session.lateAfter', defaultMessage: 'Late after (minutes)' })}
            <input type="number" min={0} max={240} value={late} onChange={(e) => setLate(Number(e.target.value))} style={{ width: '5rem' }} />
          </label>
          <button type="button" className="primary" disabled={start.isPending} onClick={() => start.mutate({ classId, lateAfterMinutes: late })}>
            {ended
              ? t({ id: 'attendance.session.startNext', defaultMessage: 'Start the next session' })
              : t({ id: 'attendance.session.start', defaultMessage: 'Start session' })}
          </button>
        </div>
      )}
      {canManage && session?.active && !confirming && (
        <button type="button" onClick={() => setConfirming(true)}>
          {t({ id: 'attendance.session.end', defaultMessage: 'End session' })}
        </button>
      )}
      {confirming && session && (
        <Confirm
          labelledBy="end-title"
          describedBy="end-desc"
          confirmText={t({ id: 'attendance.session.endConfirm', defaultMessage: 'End session and mark absentees' })}
          onConfirm={() => end.mutate(session.id, { onSettled: () => setConfirming(false) })}
          onCancel={() => setConfirming(false)}
          disabled={end.isPending}
        >
          <p id="end-title">
            <strong>{t({ id: 'attendance.session.endQuestion', defaultMessage: 'End this session?' })}</strong>
          </p>
          <p id="end-desc">
            {notSeen.length === 0
              ? t({ id: 'attendance.session.everyoneMarked', defaultMessage: 'Every student has a mark.' })
              : t(
                  {
                    id: 'attendance.session.willBeAbsent',
                    defaultMessage:
                      '{count, plural, one {# student not seen will be marked absent: {names}.} other {# students not seen will be marked absent: {names}.}}',
                  },
                  { count: notSeen.length, names: translator().intl.formatList(notSeen, { type: 'unit' }) },
                )}
          </p>
        </Confirm>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
