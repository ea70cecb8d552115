// The app's long-lived services, created once: the local database, the sync engine and the
// gallery. Components reach them through hooks, never by importing Dexie or fetch themselves.
import { DEFAULT_PIPELINE } from '@rollcall/face';
import { fetchTransport, RosterSync } from '@rollcall/sync';
import { localDb } from '../local/db.ts';
import { DexieSyncTarget } from '../local/dexie-sync-target.ts';
import { GalleryService } from '../matcher/gallery-service.ts';

const db = localDb();
const target = new DexieSyncTarget(db);
const transport = fetchTransport({ credentials: 'same-origin' });

export const services = {
  db,
  target,
  transport,
  gallery: new GalleryService(db, target, DEFAULT_PIPELINE.model),
  /** Pulls on start, on reconnect, after each local write and every minute. */
  sync: new RosterSync({ client: transport, target, modelId: DEFAULT_PIPELINE.model, intervalMs: 60_000 }),
};
