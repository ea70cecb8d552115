// The status bar's lines in a teacher's words, from plain data: the class lists, offline use and
// face recognition. Technical facts (revision, backend, threads, error texts) are never in these
// lines; the status bar shows them under Details.
import type { RosterSyncState } from '@rollcall/sync';
import type { FaceStatus } from '../face/face-service.ts';
import type { OfflineProblem, OfflineReadiness } from './offline-ready.ts';
import { formatTime } from '../ui/format.ts';

export type Tone = 'ok' | 'warn' | 'bad' | '';

export function syncText(sync: RosterSyncState): string {
  if (sync.phase === 'syncing') return 'Updating the class lists…';
  if (sync.phase === 'unauthorized') return 'Sign in again to update the class lists';
  if (sync.phase === 'offline') return sync.revision !== null ? 'Class lists saved on this device' : 'No class lists on this device yet';
  if (sync.phase === 'backoff') return `Could not update the class lists; trying again${sync.nextSyncAt ? ` at ${formatTime(sync.nextSyncAt)}` : ''}`;
  if (sync.revision === null) return 'Class lists not loaded yet';
  return sync.lastSyncedAt ? `Class lists up to date (${formatTime(sync.lastSyncedAt)})` : 'Class lists up to date';
}

const PROBLEM: Record<OfflineProblem['kind'], string> = {
  certificate: "Offline use unavailable: this address's certificate is not trusted by this laptop — ask your admin",
  storage: 'Offline use unavailable: the browser gives Rollcall no space on this laptop — free some disk space or ask your admin',
  browser: 'Offline use unavailable: this browser cannot keep Rollcall for offline use — use Chrome, Edge or Firefox',
  registration: 'Offline use unavailable: the browser refused to set it up — ask your admin',
  file: 'Offline use not ready: some files did not download — keep this page open on the network; it keeps trying',
  slow: 'Offline use not ready yet: the download is slow — keep this page open on the network',
};

/** The offline line, or null where there is nothing to say (a development build). */
export function offlineText(r: OfflineReadiness): { text: string; tone: Tone; hint: string } | null {
  switch (r.state) {
    case 'unsupported':
      return null;
    case 'ready':
      return { text: 'Ready to work offline', tone: 'ok', hint: 'This laptop holds the app and the face models: it keeps working without a network.' };
    case 'preparing':
      return {
        text: 'Getting ready to work offline…',
        tone: 'warn',
        hint: 'Saving the app and the face models on this laptop: keep the network on until this says ready.',
      };
    case 'unavailable':
      return { text: PROBLEM[r.problem.kind], tone: r.problem.kind === 'file' || r.problem.kind === 'slow' ? 'warn' : 'bad', hint: r.problem.detail };
  }
}

const mb = (bytes: number) => {
  const v = bytes / 1_000_000;
  return v >= 10 ? String(Math.round(v)) : v.toFixed(1);
};

export function faceText(face: Pick<FaceStatus, 'status' | 'phase' | 'backend' | 'loadedBytes' | 'totalBytes'>): { text: string; tone: Tone } {
  if (face.status === 'ready')
    return face.backend === 'cpu' ? { text: 'Face recognition slow on this computer', tone: 'bad' } : { text: 'Face recognition ready', tone: 'ok' };
  if (face.status === 'error') return { text: 'Face recognition could not start — reload the page; if it happens again, ask your admin', tone: 'bad' };
  if (face.status === 'idle') return { text: 'Face recognition not started yet', tone: '' };
  if (face.phase === 'downloading' && face.totalBytes > 0)
    return { text: `Downloading face recognition: ${mb(face.loadedBytes)} of ${mb(face.totalBytes)} MB`, tone: 'warn' };
  return { text: 'Starting face recognition…', tone: 'warn' };
}
