// Wiping this device: every cached student, embedding and class, every mark still in the
// outbox, the registers kept for offline use, and the sync position, so the next pull starts
// again from revision 0. The device id and the signed-in user (local/device-state.ts) stay: the
// laptop remains the same device.
import { META, type RollcallDb } from '../local/db.ts';
import { forgetKeptRegisters } from '../local/kept-registers.ts';

export async function wipeDevice(db: RollcallDb): Promise<void> {
  // One transaction: a wipe that fails halfway must not leave embeddings without their students.
  await db.transaction('rw', [db.students, db.embeddings, db.classes, db.outbox, db.meta], async () => {
    await Promise.all([db.students.clear(), db.embeddings.clear(), db.classes.clear(), db.outbox.clear()]);
    await Promise.all([db.meta.delete(META.revision), forgetKeptRegisters(db)]);
  });
}
