// The app's long-lived services, created once: the local database, the sync engine and the
// gallery. Components reach them through hooks, never by importing Dexie or fetch themselves.
import { DEFAULT_PIPELINE } from '@rollcall/face';
import { fetchTransport, Outbox, RosterSync, Sender, webLock } from '@rollcall/sync';
import { apiClientOptions } from '../api/client.ts';
import { DexieOutboxStore } from '../local/dexie-outbox-store.ts';
import { localDb } from '../local/db.ts';
import { DexieSyncTarget } from '../local/dexie-sync-target.ts';
import { GalleryService } from '../matcher/gallery-service.ts';

const db = localDb();
const target = new DexieSyncTarget(db);
const transport = fetchTransport(apiClientOptions);

const outbox = new Outbox(new DexieOutboxStore(db));
const lock = webLock('rollcall-outbox');

export const services = {
  db,
  target,
  transport,
  /** Every mark is written here first; the sender posts it and removes it once the API confirms. */
  outbox,
  /** One sender per browser: the Web Lock keeps two tabs from sending at once. */
  sender: new Sender({ outbox, transport, pollMs: 10_000, ...(lock && { lock }) }),
  gallery: new GalleryService(db, target, DEFAULT_PIPELINE.model),
  /** Pulls on start, on reconnect, after each local write and every minute. */
  sync: new RosterSync({ client: transport, target, modelId: DEFAULT_PIPELINE.model, intervalMs: 60_000 }),
};
