// Always visible, in a teacher's words: online or offline, whether the class lists are up to date,
// whether the device can work offline (or why not), the outbox, and face recognition, with a
// labelled bar while its models download. Every technical fact (roster revision, the face engine's
// backend and threads, the browser's error texts) sits behind Details.
import type { RosterSyncState } from '@rollcall/sync';
import { useObservable } from '../core/store.ts';
import { useOnline } from '../core/useOnline.ts';
import { services } from '../core/services.ts';
import { describeMode, faceStatus } from '../face/face-service.ts';
import { offlineReadiness, type OfflineReadiness } from './offline-ready.ts';
import { OutboxStatus } from './OutboxStatus.tsx';
import { faceText, offlineText, syncText } from './status-words.ts';

const revisionText = (sync: RosterSyncState) => (sync.revision !== null ? `revision ${sync.revision}` : 'not synced yet');

function offlineDetail(r: OfflineReadiness): string | null {
  if (r.state === 'unsupported') return null;
  if (r.state === 'ready') return `Offline copy: all ${r.needed} files saved`;
  const files = r.needed ? `${r.cached} of ${r.needed} files saved` : 'file list not read yet';
  return r.state === 'unavailable' ? `Offline copy: ${files}; ${r.problem.detail}` : `Offline copy: ${files}`;
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
    <div className="status-bar" role="group" aria-label="Status">
      <span role="status" aria-label="Connection" className={`pill ${online ? 'ok' : 'bad'}`}>
        {online ? 'Online' : 'Offline'}
      </span>
      <span
        className={`pill ${sync.phase === 'unauthorized' || sync.phase === 'backoff' ? 'warn' : ''}`}
        aria-label="Sync"
        data-revision={sync.revision ?? undefined}
      >
        {syncText(sync)}
      </span>
      {offlineLine && (
        <span className={`pill ${offlineLine.tone}`} aria-label="Offline use" title={offlineLine.hint}>
          {offlineLine.text}
        </span>
      )}
      <OutboxStatus />
      <span className={`pill ${faceLine.tone}`} aria-label="Face recognition" data-backend={face.backend ?? undefined}>
        {faceLine.text}
      </span>
      {face.status === 'loading' && face.phase === 'downloading' && face.totalBytes > 0 && (
        <progress aria-label="Downloading face recognition" aria-valuetext={faceLine.text} max={face.totalBytes} value={face.loadedBytes} />
      )}
      <details className="status-details">
        <summary>Details</summary>
        <span>
          Roster {revisionText(sync)}
          {sync.lastSyncedAt ? `, synced ${new Date(sync.lastSyncedAt).toLocaleTimeString()}` : ''}
        </span>
        <span>Face engine: {face.mode ? describeMode(face.mode) : (face.backend ?? 'not loaded')}</span>
        {face.restarts > 0 && <span>Face engine restarted {face.restarts === 1 ? 'once' : `${face.restarts} times`} after a crash</span>}
        {face.notice && <span>Face engine note: {face.notice}</span>}
        {face.error && <span>Face engine error: {face.error}</span>}
        {offlineFacts && <span>{offlineFacts}</span>}
        {sync.lastError && <span>Last sync error: {sync.lastError.message}</span>}
      </details>
    </div>
  );
}
