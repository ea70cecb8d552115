// SQL for the one-row marker of the day up to which covers have changed their teachers' scopes (0018).
import type { Executor } from '../../shared/context.ts';

/**
 * Locks the marker and reads it (null: never set). The lock is a write on both dialects: on MySQL
 * it holds the row until commit; on SQLite a write taken first waits for another instance's
 * transaction, where a read followed by a write would fail once the other had written.
 */
export async function lockCoversRolledTo(trx: Executor): Promise<string | null> {
  await trx
    .updateTable('timetable_state')
    .set((eb) => ({ covers_rolled_to: eb.ref('covers_rolled_to') }))
    .where('id', '=', 1)
    .execute();
  const row = await trx.selectFrom('timetable_state').select('covers_rolled_to').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.covers_rolled_to;
}

export async function setCoversRolledTo(trx: Executor, day: string): Promise<void> {
  await trx.updateTable('timetable_state').set({ covers_rolled_to: day }).where('id', '=', 1).execute();
}
