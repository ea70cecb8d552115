// Always visible, in a teacher's words: online or offline, whether the device is ready to work
// offline, whether the roster is up to date, the outbox (marks waiting, being sent, refused),
// whether face recognition is ready (with a warning when it will be slow), and model loading.
// The roster revision and the face engine's backend and mode sit behind Details; screen readers
// and the browser tests still read the revision and backend inside the pills.
import type { RosterSyncState } from '@rollcall/sync';
import { useStore } from './store.ts';
import { useOnline } from './useOnline.ts';
import { useServiceState } from './useServiceState.ts';
import { services } from './services.ts';
import { describeMode, faceStatus } from '../face/face-service.ts';
import { offlineReadiness, type OfflineReadiness } from './offline-ready.ts';
import { OutboxStatus } from './OutboxStatus.tsx';

const time = (at: string | number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function syncText(sync: RosterSyncState): string {
  if (sync.phase === 'syncing') return 'Updating the class lists…';
  if (sync.phase === 'unauthorized') return 'Sign in again to update the class lists';
  if (sync.phase === 'offline') return sync.revision !== null ? 'Class lists saved on this device' : 'No class lists on this device yet';
  if (sync.phase === 'backoff') return `Could not update the class lists; trying again${sync.nextSyncAt ? ` at ${time(sync.nextSyncAt)}` : ''}`;
  if (sync.revision === null) return 'Class lists not loaded yet';
  return sync.lastSyncedAt ? `Class lists up to date (${time(sync.lastSyncedAt)})` : 'Class lists up to date';
}

const revisionText = (sync: RosterSyncState) => (sync.revision !== null ? `revision ${sync.revision}` : 'not synced yet');

function OfflinePill({ readiness }: { readiness: OfflineReadiness }) {
  if (readiness.state === 'unsupported') return null;
  const ready = readiness.state === 'ready';
  return (
    <span
      className={`pill ${ready ? 'ok' : 'warn'}`}
      aria-label="Offline readiness"
      title={
        ready
          ? 'This device holds the app and the face models: it keeps working without a network.'
          : 'Still saving the app and the face models on this device: keep the network on until this says ready.'
      }
    >
      {ready ? 'Ready offline' : `Preparing offline use (${readiness.cached}/${readiness.needed || '…'} files)`}
    </span>
  );
}

export function StatusBar() {
  const online = useOnline();
  const sync = useServiceState(services.sync);
  const face = useStore(faceStatus);
  const offline = useStore(offlineReadiness);
  return (
    <div className="status-bar" aria-label="Status">
      <span role="status" aria-label="Connection" className={`pill ${online ? 'ok' : 'bad'}`}>
        {online ? 'Online' : 'Offline'}
      </span>
      <span className={`pill ${sync.phase === 'unauthorized' || sync.phase === 'backoff' ? 'warn' : ''}`} aria-label="Sync" title={sync.lastError?.message}>
        {syncText(sync)}
        <span className="sr-only"> (roster {revisionText(sync)})</span>
      </span>
      <OfflinePill readiness={offline} />
      <OutboxStatus />
      <span className={`pill ${face.backend === 'cpu' ? 'bad' : ''}`} aria-label="Inference backend">
        {face.status === 'ready'
          ? face.backend === 'cpu'
            ? 'Face recognition slow on this computer'
            : 'Face recognition ready'
          : face.status === 'error'
            ? 'Face recognition failed to start'
            : 'Face recognition not loaded'}
        {face.backend && <span className="sr-only"> ({face.backend})</span>}
      </span>
      {face.status === 'loading' && <progress aria-label="Loading face models" max={1} value={face.progress} />}
      {face.notice && <span className="notice-text">{face.notice}</span>}
      {face.error && (
        <span role="alert" className="error">
          {face.error}
        </span>
      )}
      <details className="status-details">
        <summary>Details</summary>
        <span>
          Roster {revisionText(sync)}
          {sync.lastSyncedAt ? `, synced ${new Date(sync.lastSyncedAt).toLocaleTimeString()}` : ''}
        </span>
        <span>Face engine: {face.mode ? describeMode(face.mode) : (face.backend ?? 'not loaded')}</span>
        {sync.lastError && <span>Last sync error: {sync.lastError.message}</span>}
      </details>
    </div>
  );
}
