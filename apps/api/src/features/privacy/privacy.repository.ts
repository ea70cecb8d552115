// SQL for a student's subject-access export and for purging marks past the retention period.
import type { Executor } from '../../shared/context.ts';

export async function auditOfMarks(db: Executor, markIds: readonly string[]) {
  if (markIds.length === 0) return [];
  return db
    .selectFrom('attendance_audit')
    .select(['mark_id', 'action', 'before_json', 'after_json', 'reason', 'at', 'actor_name'])
    .where('mark_id', 'in', [...markIds])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * Deletes marks made or received before `before`, every audit entry of those marks (they copy the
 * student's name), and audit entries written before `before`, in the caller's transaction. The
 * server's receipt time bounds every mark: one dated in the future by its device still goes on time.
 */
export async function purgeBefore(db: Executor, before: number) {
  const expired = db
    .selectFrom('attendance_marks')
    .select('id')
    .where((eb) => eb.or([eb('marked_at', '<', before), eb('received_at', '<', before)]));
  const audit = await db
    .deleteFrom('attendance_audit')
    .where((eb) => eb.or([eb('at', '<', before), eb('mark_id', 'in', expired)]))
    .executeTakeFirst();
  const marks = await db
    .deleteFrom('attendance_marks')
    .where((eb) => eb.or([eb('marked_at', '<', before), eb('received_at', '<', before)]))
    .executeTakeFirst();
  return { marksDeleted: Number(marks.numDeletedRows), auditDeleted: Number(audit.numDeletedRows) };
}
