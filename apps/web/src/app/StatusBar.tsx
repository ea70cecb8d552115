// Always visible, in a teacher's words: online or offline, whether the class lists are up to date,
// whether the device can work offline (or why not), the outbox, and face recognition, with a
// labelled bar while its models download. Every technical fact (roster revision, the face engine's
// backend and threads, the browser's error texts) sits behind Details.
import type { RosterSyncState } from '@rollcall/sync';
import { useObservable } from '../core/store.ts';
import { useOnline } from '../core/useOnline.ts';
import { services } from '../core/services.ts';
import { faceNoteText } from '../face/engine-notes.ts';
import { describeMode, faceStatus } from '../face/face-service.ts';
import { offlineReadiness, type OfflineReadiness } from './offline-ready.ts';
import { OutboxStatus } from './OutboxStatus.tsx';
import { faceText, offlineText, syncText } from './status-words.ts';
import { formatLocale, t } from '../core/i18n.ts';
import { faceErrorText } from '../ui/face-error-text.ts';

function rosterDetail(sync: RosterSyncState): string {
  // The revision is an identifier, not an amount: written as is, never grouped.
  const revision = String(sync.revision);
  if (sync.revision === null) return t({ id: 'app.status.details.rosterNotSynced', defaultMessage: 'Roster not synced yet' });
  if (!sync.lastSyncedAt) return t({ id: 'app.status.details.roster', defaultMessage: 'Roster revision {revision}' }, { revision });
  const time = new Date(sync.lastSyncedAt).toLocaleTimeString(formatLocale());
  return t({ id: 'app.status.details.rosterSynced', defaultMessage: 'Roster revision {revision}, synced {time}' }, { revision, time });
}

function offlineDetail(r: OfflineReadiness): string | null {
  if (r.state === 'unsupported') return null;
  if (r.state === 'ready')
    return t(
      { id: 'app.status.details.offlineReady', defaultMessage: 'Offline copy: all {needed, plural, one {# file} other {# files}} saved' },
      { needed: r.needed },
    );
  if (!r.needed)
    return r.state === 'unavailable'
      ? t({ id: 'app.status.details.offlineNoListProblem', defaultMessage: 'Offline copy: file list not read yet; {detail}' }, { detail: r.problem.detail })
      : t({ id: 'app.status.details.offlineNoList', defaultMessage: 'Offline copy: file list not read yet' });
  const values = { cached: r.cached, needed: r.needed };
  return r.state === 'unavailable'
    ? t(
        {
          id: 'app.status.details.offlineFilesProblem',
          defaultMessage: 'Offline copy: {cached} of {needed, plural, one {# file} other {# files}} saved; {detail}',
        },
        { ...values, detail: r.problem.detail },
      )
    : t({ id: 'app.status.details.offlineFiles', defaultMessage: 'Offline copy: {cached} of {needed, plural, one {# file} other {# files}} saved' }, values);
}

function restartsText(restarts: number): string {
  return t(
    {
      id: 'app.status.details.faceRestarts',
      defaultMessage: 'Face engine restarted {restarts, plural, one {once} other {# times}} after a crash',
    },
    { restarts },
  );
}

export function StatusBar() {
  const online = useOnline();
  const sync = useObservable(services.sync);
  const face = useObservable(faceStatus);
  const offline = useObservable(offlineReadiness);
  const offlineLine = offlineText(offline);
  const faceLine = faceText(face);
  const offlineFacts = offlineDetail(offline);
  return (
    <div className="status-bar" role="group" aria-label={t({ id: 'app.status.label', defaultMessage: 'Status' })}>
      <span role="status" aria-label={t({ id: 'app.status.connection', defaultMessage: 'Connection' })} className={`pill ${online ? 'ok' : 'bad'}`}>
        {online ? t({ id: 'app.status.online', defaultMessage: 'Online' }) : t({ id: 'app.status.offline', defaultMessage: 'Offline' })}
      </span>
      <span
        className={`pill ${sync.phase === 'unauthorized' || sync.phase === 'backoff' ? 'warn' : ''}`}
        aria-label={t({ id: 'app.status.sync', defaultMessage: 'Sync' })}
        data-revision={sync.revision ?? undefined}
      >
        {syncText(sync)}
      </span>
      {offlineLine && (
        <span className={`pill ${offlineLine.tone}`} aria-label={t({ id: 'app.status.offlineUse', defaultMessage: 'Offline use' })} title={offlineLine.hint}>
          {offlineLine.text}
        </span>
      )}
      <OutboxStatus />
      <span
        className={`pill ${faceLine.tone}`}
        aria-label={t({ id: 'app.status.face', defaultMessage: 'Face recognition' })}
        data-backend={face.backend ?? undefined}
      >
        {faceLine.text}
      </span>
      {face.status === 'loading' && face.phase === 'downloading' && face.totalBytes > 0 && (
        <progress
          aria-label={t({ id: 'app.status.faceDownloading', defaultMessage: 'Downloading face recognition' })}
          aria-valuetext={faceLine.text}
          max={face.totalBytes}
          value={face.loadedBytes}
        />
      )}
      <details className="status-details">
        <summary>{t({ id: 'app.status.details', defaultMessage: 'Details' })}</summary>
        <span>{rosterDetail(sync)}</span>
        <span>
          {t(
            { id: 'app.status.details.faceEngine', defaultMessage: 'Face engine: {engine}' },
            { engine: face.mode ? describeMode(face.mode) : (face.backend ?? t({ id: 'app.status.details.faceNotLoaded', defaultMessage: 'not loaded' })) },
          )}
        </span>
        {face.restarts > 0 && <span>{restartsText(face.restarts)}</span>}
        {face.notice && (
          <span>{t({ id: 'app.status.details.faceNote', defaultMessage: 'Face engine note: {note}' }, { note: faceNoteText(face.notice) })}</span>
        )}
        {face.error && (
          <span>
            {t({ id: 'app.status.details.faceError', defaultMessage: 'Face engine error: {error}' }, { error: faceErrorText(face.errorCode, face.error) })}
          </span>
        )}
        {offlineFacts && <span>{offlineFacts}</span>}
        {sync.lastError && (
          <span>{t({ id: 'app.status.details.syncError', defaultMessage: 'Last sync error: {error}' }, { error: sync.lastError.message })}</span>
        )}
      </details>
    </div>
  );
}
