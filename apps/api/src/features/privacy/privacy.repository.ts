// SQL for a student's subject-access export and for purging marks past the retention period.
import type { Executor } from '../../shared/context.ts';

/** The classes whose roster holds the student, by name. */
export async function classesOfStudent(db: Executor, studentId: string) {
  return db
    .selectFrom('class_students as cs')
    .innerJoin('classes as c', 'c.id', 'cs.class_id')
    .select(['c.id', 'c.name'])
    .where('cs.student_id', '=', studentId)
    .orderBy('c.name')
    .execute();
}

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

/** Deletes marks made, and audit entries written, before `before` (in one transaction: the caller's). */
export async function purgeBefore(db: Executor, before: number) {
  const marks = await db.deleteFrom('attendance_marks').where('marked_at', '<', before).executeTakeFirst();
  const audit = await db.deleteFrom('attendance_audit').where('at', '<', before).executeTakeFirst();
  return { marksDeleted: Number(marks.numDeletedRows), auditDeleted: Number(audit.numDeletedRows) };
}
