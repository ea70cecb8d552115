// SQL for the register: class names and sessions in a day range.
import type { Executor } from '../../shared/context.ts';

export async function classNames(db: Executor, classIds: string[]): Promise<Map<string, string>> {
  if (classIds.length === 0) return new Map();
  const rows = await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Sessions whose school day lies in [from, to], oldest first; of the given classes (null: all). */
export async function sessionsInDays(db: Executor, classIds: string[] | null, from: string, to: string) {
  let q = db.selectFrom('class_sessions').selectAll().where('day', '>=', from).where('day', '<=', to);
  if (classIds) {
    if (classIds.length === 0) return [];
    q = q.where('class_id', 'in', classIds);
  }
  return q.orderBy('starts_at').orderBy('id').execute();
}
