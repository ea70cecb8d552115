// What a whole set reads: the classes and students of a scope as they are now, students paged by
// id (a keyset, so a page never shifts when rows come and go between pages).
import type { Executor } from '../../shared/context.ts';

export async function allClassIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('classes').select('id').orderBy('id').execute()).map((r) => r.id);
}

/**
 * Up to `n` student ids after `after`, in id order: every student (classIds null), or those on
 * the rosters of these classes.
 */
export async function studentIdsAfter(db: Executor, classIds: readonly string[] | null, after: string | null, n: number): Promise<string[]> {
  if (classIds === null) {
    let q = db.selectFrom('students').select('student_id');
    if (after !== null) q = q.where('student_id', '>', after);
    return (await q.orderBy('student_id').limit(n).execute()).map((r) => r.student_id);
  }
  if (classIds.length === 0) return [];
  let q = db.selectFrom('class_students').select('student_id').distinct().where('class_id', 'in', classIds);
  if (after !== null) q = q.where('student_id', '>', after);
  return (await q.orderBy('student_id').limit(n).execute()).map((r) => r.student_id);
}
