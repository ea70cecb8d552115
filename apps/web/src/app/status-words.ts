// The status bar's lines in a teacher's words, from plain data: the class lists, offline use and
// face recognition. Technical facts (revision, backend, threads, error texts) are never in these
// lines; the status bar shows them under Details.
import type { RosterSyncState } from '@rollcall/sync';
import type { FaceStatus } from '../face/face-service.ts';
import type { OfflineProblem, OfflineReadiness } from './offline-ready.ts';
import { formatNumber, formatTime } from '../ui/format.ts';
import { t } from '../core/i18n.ts';

export type Tone = 'ok' | 'warn' | 'bad' | '';

export function syncText(sync: RosterSyncState): string {
  if (sync.phase === 'syncing') return t({ id: 'app.status.sync.syncing', defaultMessage: 'Updating the class lists…' });
  if (sync.phase === 'unauthorized') return t({ id: 'app.status.sync.unauthorized', defaultMessage: 'Sign in again to update the class lists' });
  if (sync.phase === 'offline')
    return sync.revision !== null
      ? t({ id: 'app.status.sync.offlineSaved', defaultMessage: 'Class lists saved on this device' })
      : t({ id: 'app.status.sync.offlineNone', defaultMessage: 'No class lists on this device yet' });
  if (sync.phase === 'backoff')
    return sync.nextSyncAt
      ? t(
          { id: 'app.status.sync.backoffAt', defaultMessage: 'Could not update the class lists; trying again at {time}' },
          { time: formatTime(sync.nextSyncAt) },
        )
      : t({ id: 'app.status.sync.backoff', defaultMessage: 'Could not update the class lists; trying again' });
  if (sync.revision === null) return t({ id: 'app.status.sync.notLoaded', defaultMessage: 'Class lists not loaded yet' });
  return sync.lastSyncedAt
    ? t({ id: 'app.status.sync.upToDateAt', defaultMessage: 'Class lists up to date ({time})' }, { time: formatTime(sync.lastSyncedAt) })
    : t({ id: 'app.status.sync.upToDate', defaultMessage: 'Class lists up to date' });
}

function problemText(kind: OfflineProblem['kind']): string {
  switch (kind) {
    case 'certificate':
      return t({
        id: 'app.status.offline.certificate',
        defaultMessage: "Offline use unavailable: this address's certificate is not trusted by this laptop — ask your admin",
      });
    case 'storage':
      return t({
        id: 'app.status.offline.storage',
        defaultMessage: 'Offline use unavailable: the browser gives Rollcall no space on this laptop — free some disk space or ask your admin',
      });
    case 'browser':
      return t({
        id: 'app.status.offline.browser',
        defaultMessage: 'Offline use unavailable: this browser cannot keep Rollcall for offline use — use Chrome, Edge or Firefox',
      });
    case 'registration':
      return t({ id: 'app.status.offline.registration', defaultMessage: 'Offline use unavailable: the browser refused to set it up — ask your admin' });
    case 'file':
      return t({
        id: 'app.status.offline.file',
        defaultMessage: 'Offline use not ready: some files did not download — keep this page open on the network; it keeps trying',
      });
    case 'slow':
      return t({ id: 'app.status.offline.slow', defaultMessage: 'Offline use not ready yet: the download is slow — keep this page open on the network' });
  }
}

/** The offline line, or null where there is nothing to say (a development build). */
export function offlineText(r: OfflineReadiness): { text: string; tone: Tone; hint: string } | null {
  switch (r.state) {
    case 'unsupported':
      return null;
    case 'ready':
      return {
        text: t({ id: 'app.status.offline.ready', defaultMessage: 'Ready to work offline' }),
        tone: 'ok',
        hint: t({
          id: 'app.status.offline.readyHint',
          defaultMessage: 'This laptop holds the app and the face models: it keeps working without a network.',
        }),
      };
    case 'preparing':
      return {
        text: t({ id: 'app.status.offline.preparing', defaultMessage: 'Getting ready to work offline…' }),
        tone: 'warn',
        hint: t({
          id: 'app.status.offline.preparingHint',
          defaultMessage: 'Saving the app and the face models on this laptop: keep the network on until this says ready.',
        }),
      };
    case 'unavailable':
      return { text: problemText(r.problem.kind), tone: r.problem.kind === 'file' || r.problem.kind === 'slow' ? 'warn' : 'bad', hint: r.problem.detail };
  }
}

/** Megabytes as a person reads them: one decimal under 10 MB, whole above, in the language's digits. */
const mb = (bytes: number) => {
  const v = bytes / 1_000_000;
  const digits = v >= 10 ? 0 : 1;
  return formatNumber(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

export function faceText(face: Pick<FaceStatus, 'status' | 'phase' | 'backend' | 'loadedBytes' | 'totalBytes'>): { text: string; tone: Tone } {
  if (face.status === 'ready')
    return face.backend === 'cpu'
      ? { text: t({ id: 'app.status.face.slow', defaultMessage: 'Face recognition slow on this computer' }), tone: 'bad' }
      : { text: t({ id: 'app.status.face.ready', defaultMessage: 'Face recognition ready' }), tone: 'ok' };
  if (face.status === 'error')
    return {
      text: t({ id: 'app.status.face.error', defaultMessage: 'Face recognition could not start — reload the page; if it happens again, ask your admin' }),
      tone: 'bad',
    };
  if (face.status === 'idle') return { text: t({ id: 'app.status.face.idle', defaultMessage: 'Face recognition not started yet' }), tone: '' };
  if (face.phase === 'downloading' && face.totalBytes > 0)
    return {
      text: t(
        { id: 'app.status.face.downloading', defaultMessage: 'Downloading face recognition: {loaded} of {total} MB' },
        { loaded: mb(face.loadedBytes), total: mb(face.totalBytes) },
      ),
      tone: 'warn',
    };
  return { text: t({ id: 'app.status.face.starting', defaultMessage: 'Starting face recognition…' }), tone: 'warn' };
}
