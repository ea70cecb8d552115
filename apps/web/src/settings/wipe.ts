// Wiping this device: every cached student, embedding and class, every mark still in the
// outbox, and the sync position, so the next pull starts again from revision 0.
import { META, type RollcallDb } from '../local/db.ts';

/** Marks in the outbox: all of them are lost by a wipe; `refused` ones the server turned down and are kept only to be seen. */
export async function outboxCounts(db: RollcallDb): Promise<{ total: number; refused: number }> {
  const [total, refused] = await Promise.all([db.outbox.count(), db.outbox.filter((r) => r.state === 'failed').count()]);
  return { total, refused };
}

export async function wipeDevice(db: RollcallDb): Promise<void> {
  // One transaction: a wipe that fails halfway must not leave embeddings without their students.
  await db.transaction('rw', [db.students, db.embeddings, db.classes, db.outbox, db.meta], async () => {
    await Promise.all([db.students.clear(), db.embeddings.clear(), db.classes.clear(), db.outbox.clear()]);
    await db.meta.bulkDelete([META.revision, META.modelId, META.lastSyncAt]);
  });
}
