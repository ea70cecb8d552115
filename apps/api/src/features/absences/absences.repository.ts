// SQL for a day's absences: the day's sessions and the names the office reads beside each absence
// (period, teachers); marks, rosters and class names come from their own repositories.
import type { Executor } from '../../shared/context.ts';

/** Sessions whose school day is `day`, of the given classes (null: all), in the order they started. */
export async function sessionsOfDay(db: Executor, classIds: readonly string[] | null, day: string) {
  if (classIds?.length === 0) return [];
  let q = db.selectFrom('class_sessions').select(['id', 'class_id', 'starts_at', 'ends_at', 'period_id']).where('day', '=', day);
  if (classIds) q = q.where('class_id', 'in', classIds);
  return q.orderBy('starts_at').orderBy('id').execute();
}

export async function periodLabels(db: Executor, periodIds: string[]): Promise<Map<string, string>> {
  if (periodIds.length === 0) return new Map();
  const rows = await db.selectFrom('class_periods').select(['id', 'label']).where('id', 'in', periodIds).execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** Each class's active teachers and that day's cover teachers, by name. */
export async function teachersOf(db: Executor, classIds: string[], day: string): Promise<Map<string, string[]>> {
  if (classIds.length === 0) return new Map();
  const [taught, covered] = await Promise.all([
    db
      .selectFrom('class_teachers as ct')
      .innerJoin('users as u', 'u.id', 'ct.user_id')
      .select(['ct.class_id', 'u.name'])
      .where('ct.class_id', 'in', classIds)
      .where('u.disabled_at', 'is', null)
      .execute(),
    db
      .selectFrom('class_covers as cc')
      .innerJoin('users as u', 'u.id', 'cc.user_id')
      .select(['cc.class_id', 'u.name'])
      .where('cc.class_id', 'in', classIds)
      .where('cc.day', '=', day)
      .where('u.disabled_at', 'is', null)
      .execute(),
  ]);
  const out = new Map<string, string[]>();
  for (const r of [...taught, ...covered]) {
    const names = out.get(r.class_id) ?? [];
    if (!names.includes(r.name)) names.push(r.name);
    out.set(r.class_id, names);
  }
  for (const names of out.values()) names.sort((a, b) => a.localeCompare(b));
  return out;
}
