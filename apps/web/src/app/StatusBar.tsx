// Always visible: online or offline, whether the device is ready to work offline, sync state (revision, marks waiting to be sent), which
// inference backend runs (with a warning for the slow cpu fallback), and model loading progress.
import { useStore } from './store.ts';
import { useOnline } from './useOnline.ts';
import { useServiceState } from './useServiceState.ts';
import { services } from './services.ts';
import { faceStatus } from '../face/face-service.ts';
import { usePendingMarks } from '../data/local.ts';
import { offlineReadiness, type OfflineReadiness } from './offline-ready.ts';

function syncText(phase: string, revision: number | null, lastSyncedAt: number | null): string {
  const when = lastSyncedAt ? ` · synced ${new Date(lastSyncedAt).toLocaleTimeString()}` : '';
  const rev = revision !== null ? `revision ${revision}` : 'not synced yet';
  if (phase === 'syncing') return `Syncing… (${rev})`;
  if (phase === 'unauthorized') return 'Sign in again to sync';
  if (phase === 'backoff') return `Sync failed, retrying (${rev})`;
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
  const pending = usePendingMarks();
  const offline = useStore(offlineReadiness);
  return (
    <div className="status-bar" aria-label="Status">
      <span role="status" aria-label="Connection" className={`pill ${online ? 'ok' : 'bad'}`}>
        {online ? 'Online' : 'Offline'}
      </span>
      <span className="pill" aria-label="Sync">
        {syncText(sync.phase, sync.revision, sync.lastSyncedAt)}
      </span>
      <OfflinePill readiness={offline} />
      <span className={`pill ${pending ? 'warn' : ''}`} aria-label="Marks waiting to be sent">
        {pending} mark{pending === 1 ? '' : 's'} waiting
      </span>
      <span className={`pill ${face.backend === 'cpu' ? 'bad' : ''}`} aria-label="Inference backend">
        {face.status === 'ready' ? `Face engine: ${face.backend === 'webgl' ? 'WebGL' : face.backend}` : face.status === 'error' ? 'Face engine failed' : 'Face engine not loaded'}
      </span>
      {face.status === 'loading' && <progress aria-label="Loading face models" max={1} value={face.progress} />}
      {face.notice && <span className="notice-text">{face.notice}</span>}
      {face.error && <span role="alert" className="error">{face.error}</span>}
    </div>
  );
}
