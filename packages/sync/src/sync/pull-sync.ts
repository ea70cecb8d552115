// Brings a device's roster cache up to date: pages /api/sync from the cached revision until the
// API has nothing more, applying each page before recording its revision, so an interrupted pull
// resumes where it stopped and the stored revision is never ahead of the stored data. A whole set
// (from revision 0) pages by cursor and records its revision only with its last page.
import type { ModelId } from '@rollcall/contracts';
import type { SyncClient } from '../transport/transport.ts';
import type { SyncTarget } from './sync-target.ts';

export interface PullSyncOptions {
  /** Only this model's embeddings (a device runs one model). */
  modelId?: ModelId;
  /** Changes per page (the API's default when omitted). */
  limit?: number;
  signal?: AbortSignal;
}

export interface PullSyncResult {
  /** The revision now stored. */
  revision: number;
  pages: number;
  /** True when the API told the device to drop its cache and start again. */
  reset: boolean;
  students: { upserted: number; deleted: number };
  embeddings: { upserted: number; deleted: number };
  classes: { upserted: number; deleted: number };
  /** Students a scoped device dropped because they are on none of its rosters any more (with their embeddings). */
  unrostered: number;
}

export class SyncError extends Error {
  constructor(
    readonly code: 'no-progress',
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

// One pull per target at a time: a reconnect during a periodic pull joins it instead of applying the same pages twice.
const inFlight = new WeakMap<SyncTarget, Promise<PullSyncResult>>();

/** Throws the client's ClientError (or SyncError) when a page fails; pages applied before it stay applied. */
export function pullSync(client: SyncClient, target: SyncTarget, opts: PullSyncOptions = {}): Promise<PullSyncResult> {
  const running = inFlight.get(target);
  if (running) return running;
  const run = pull(client, target, opts).finally(() => inFlight.delete(target));
  inFlight.set(target, run);
  return run;
}

async function pull(client: SyncClient, target: SyncTarget, opts: PullSyncOptions): Promise<PullSyncResult> {
  const result: PullSyncResult = {
    revision: await target.getRevision(),
    pages: 0,
    reset: false,
    students: { upserted: 0, deleted: 0 },
    embeddings: { upserted: 0, deleted: 0 },
    classes: { upserted: 0, deleted: 0 },
    unrostered: 0,
  };
  let cursor: string | null = null;
  for (;;) {
    const since = result.revision;
    const page = await client.sync(
      { since, ...(cursor && { cursor }), ...(opts.modelId && { modelId: opts.modelId }), ...(opts.limit !== undefined && { limit: opts.limit }) },
      opts.signal ? { signal: opts.signal } : {},
    );
    if (page.reset) result.reset = true;
    // A whole set (since=0) replaces the cache: rows an interrupted whole set left behind may have
    // been deleted since, and a whole set carries no deletions.
    if (page.reset || (since === 0 && cursor === null)) await target.reset();
    await target.applyStudents(page.students);
    await target.applyEmbeddings(page.embeddings);
    await target.applyClasses(page.classes);
    await target.setRevision(page.revision);
    result.pages++;
    result.revision = page.revision;
    for (const k of ['students', 'embeddings', 'classes'] as const) {
      result[k].upserted += page[k].upserted.length;
      result[k].deleted += page[k].deleted.length;
    }
    if (!page.more) {
      // A roster edit or a deleted class names the class, not who left it: the device works out
      // who it no longer has any business holding from the rosters it now holds.
      if (page.scoped) result.unrostered = (await target.dropUnrostered()).length;
      return result;
    }
    // A server that says "more" without moving forward would have us loop for ever.
    const stuck = page.cursor ? page.cursor === cursor : page.revision <= since && !page.reset;
    if (stuck) throw new SyncError('no-progress', `sync page since=${since} said more but stayed at revision ${page.revision}`);
    cursor = page.cursor;
  }
}
