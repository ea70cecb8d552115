// The app's long-lived services, created once: the local database, the sync engine, the
// gallery and the session that drives them. Components reach them through hooks, never by importing Dexie or fetch themselves.
import { DEFAULT_PIPELINE } from '@rollcall/face';
import { fetchTransport, LiveChannel, Outbox, RosterSync, Sender, webLock } from '@rollcall/sync';
import { apiClientOptions, onApiError } from '../api/client.ts';
import { queryClient } from '../data/queryClient.ts';
import { notingConfirmations } from '../local/confirmed-marks.ts';
import { DexieOutboxStore } from '../local/dexie-outbox-store.ts';
import { localDb } from '../local/db.ts';
import { DexieSyncTarget } from '../local/dexie-sync-target.ts';
import { GalleryService } from '../matcher/gallery-service.ts';
import { SessionLifecycle } from './session.ts';

const db = localDb();
const target = new DexieSyncTarget(db);
const transport = fetchTransport(apiClientOptions);

const outbox = new Outbox(new DexieOutboxStore(db));
const lock = webLock('rollcall-outbox');
/**
 * One sender per browser: the Web Lock keeps two tabs from sending at once. What the API confirms
 * is noted before the sender forgets it, for the registers asked for before then.
 */
const sender = new Sender({ outbox, transport: notingConfirmations(transport, db), pollMs: 10_000, ...(lock && { lock }) });
/** Pulls on start, on reconnect, after each local write and every minute. */
const sync = new RosterSync({ client: transport, target, modelId: DEFAULT_PIPELINE.model, intervalMs: 60_000 });
/** The tab's one live event stream: a roster change made anywhere is pulled at once, not at the next poll. */
const live = new LiveChannel(apiClientOptions);
live.on((e) => {
  if (e.type === 'roster.changed') void sync.syncNow();
});
// The server's events are not the ones this tab saw (a restored backup): what it missed cannot be replayed.
live.onReset(() => {
  void queryClient.invalidateQueries();
  void sync.syncNow();
});
/** Starts, pauses and resumes the workers with the session; an expiry sends the app back to sign-in. */
const session = new SessionLifecycle([sync, sender, live], () => void queryClient.invalidateQueries({ queryKey: ['auth'] }));
onApiError((err, route) => session.heard(err, route));

// A batch the API confirmed changed the registers it touched: fetch them again at once. The live
// event does the same, but a stream that is reconnecting misses it, and a mark sent before the page
// ever drew it as waiting leaves no change in the pending count to react to.
let confirmedAt: number | null = null;
sender.subscribe((s) => {
  if (s.lastSuccessAt === confirmedAt) return;
  confirmedAt = s.lastSuccessAt;
  void queryClient.invalidateQueries({ queryKey: ['register'] });
});

export const services = {
  db,
  target,
  transport,
  /** Every mark is written here first; the sender posts it and removes it once the API confirms. */
  outbox,
  sender,
  gallery: new GalleryService(db, target, DEFAULT_PIPELINE.model),
  sync,
  live,
  session,
};
