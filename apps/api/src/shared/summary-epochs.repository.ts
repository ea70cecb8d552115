// The statistics summary's invalidation, shared by every feature that writes what the statistics
// count (marks, sessions, rosters, students): raising a class's epoch in the writer's own
// transaction makes every summary row of that class untrusted from the moment the write commits
// (features/attendance/stats-summary.repository.ts). Plain statements, no database triggers: MySQL
// with binary logging (a district's) refuses CREATE TRIGGER to accounts without SUPER.
import { sql } from 'kysely';
import { isMysql } from '../db/dialect.ts';
import type { Executor } from './context.ts';

/** Raises these classes' summary epochs; a class with none yet starts at 1 (read as 0 before). A class no longer there is passed over. */
export async function bumpSummaryEpochs(db: Executor, classIds: Iterable<string | null | undefined>): Promise<void> {
  // In id order, so two writers raising the same classes lock their rows in the same order.
  const ids = [...new Set([...classIds].filter((c): c is string => !!c))].sort();
  if (ids.length === 0) return;
  // From the classes table: a class deleted meanwhile has nothing to invalidate and no row to refer to.
  const insert = db
    .insertInto('class_summary_epochs')
    .columns(['class_id', 'epoch'])
    .expression(
      db
        .selectFrom('classes')
        .select(['id', sql<number>`1`.as('epoch')])
        .where('id', 'in', ids)
        .orderBy('id'),
    );
  if (isMysql(db)) await insert.onDuplicateKeyUpdate({ epoch: sql`epoch + 1` }).execute();
  else await insert.onConflict((oc) => oc.column('class_id').doUpdateSet({ epoch: sql`class_summary_epochs.epoch + 1` })).execute();
}
