// Always visible: online or offline, whether the device is ready to work offline, the roster sync's
// phase, the outbox (marks waiting, being sent, refused), which inference backend runs (with a
// warning for the slow cpu fallback), and model loading progress.
import type { RosterSyncState } from '@rollcall/sync';
import { useStore } from './store.ts';
import { useOnline } from './useOnline.ts';
import { useServiceState } from './useServiceState.ts';
import { services } from './services.ts';
import { faceStatus } from '../face/face-service.ts';
import { offlineReadiness, type OfflineReadiness } from './offline-ready.ts';
import { OutboxStatus } from './OutboxStatus.tsx';

function syncText(sync: RosterSyncState): string {
  const when = sync.lastSyncedAt ? ` · synced ${new Date(sync.lastSyncedAt).toLocaleTimeString()}` : '';
  const rev = sync.revision !== null ? `revision ${sync.revision}` : 'not synced yet';
  if (sync.phase === 'syncing') return `Syncing… (${rev})`;
  if (sync.phase === 'unauthorized') return 'Sign in again to sync';
  if (sync.phase === 'offline') return `Roster from this device (${rev})`;
  if (sync.phase === 'backoff') return `Sync failed, retrying${sync.nextSyncAt ? ` at ${new Date(sync.nextSyncAt).toLocaleTimeString()}` : ''} (${rev})`;
  return `${rev}${when}`;
}

function OfflinePill({ readiness }: { readiness: OfflineReadiness }) {
  if (readiness.state === 'unsupported') return null;
  const ready = readiness.state === 'ready';
  return (
    <span
      className={`pill ${ready ? 'ok' : 'warn'}`}
      aria-label="Offline readiness"
      title={ready ? 'This device holds the app and the face models: it keeps working without a network.' : 'Still saving the app and the face models on this device: keep the network on until this says ready.'}
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
      </span>
      <OfflinePill readiness={offline} />
      <OutboxStatus />
      <span className={`pill ${face.backend === 'cpu' ? 'bad' : ''}`} aria-label="Inference backend">
        {face.status === 'ready' ? `Face engine: ${face.backend === 'webgl' ? 'WebGL' : face.backend}` : face.status === 'error' ? 'Face engine failed' : 'Face engine not loaded'}
      </span>
      {face.status === 'loading' && <progress aria-label="Loading face models" max={1} value={face.progress} />}
      {face.notice && <span className="notice-text">{face.notice}</span>}
      {face.error && <span role="alert" className="error">{face.error}</span>}
    </div>
  );
}
