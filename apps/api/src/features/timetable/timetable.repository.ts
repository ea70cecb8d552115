// SQL for the timetable: weekly periods, term dates and one-day covers.
import type { Cover, Period, Term } from '@rollcall/contracts';
import type { ClassCoversTable, ClassPeriodsTable, SchoolTermsTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';

export const toPeriod = (r: ClassPeriodsTable): Period => ({
  id: r.id,
  classId: r.class_id,
  label: r.label,
  weekday: Number(r.weekday),
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  lateAfterMinutes: Number(r.late_after_minutes),
});

const toTerm = (r: SchoolTermsTable): Term => ({ id: r.id, name: r.name, firstDay: r.first_day, lastDay: r.last_day });

/** Class ids limited to these (null: every class). */
type ClassFilter = readonly string[] | null;

export async function findPeriod(db: Executor, id: string): Promise<ClassPeriodsTable | undefined> {
  return db.selectFrom('class_periods').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPeriods(db: Executor, classIds: ClassFilter): Promise<Period[]> {
  if (classIds?.length === 0) return [];
  let q = db.selectFrom('class_periods').selectAll();
  if (classIds) q = q.where('class_id', 'in', classIds);
  const rows = await q.orderBy('weekday').orderBy('starts_at').orderBy('id').execute();
  return rows.map(toPeriod);
}

/** Periods of a class on a weekday that share some minute with [startsAt, endsAt) ("HH:MM" compares as text). */
export async function overlappingPeriod(db: Executor, classId: string, weekday: number, startsAt: string, endsAt: string) {
  return db
    .selectFrom('class_periods')
    .select(['id', 'label', 'starts_at', 'ends_at'])
    .where('class_id', '=', classId)
    .where('weekday', '=', weekday)
    .where('starts_at', '<', endsAt)
    .where('ends_at', '>', startsAt)
    .executeTakeFirst();
}

export async function insertPeriod(db: Executor, row: ClassPeriodsTable) {
  await db.insertInto('class_periods').values(row).execute();
}

export async function deletePeriod(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('class_periods').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listTerms(db: Executor): Promise<Term[]> {
  return (await db.selectFrom('school_terms').selectAll().orderBy('first_day').orderBy('id').execute()).map(toTerm);
}

export async function insertTerm(db: Executor, row: SchoolTermsTable): Promise<Term> {
  await db.insertInto('school_terms').values(row).execute();
  return toTerm(row);
}

export async function deleteTerm(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('school_terms').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

function coverQuery(db: Executor) {
  return db.selectFrom('class_covers as cc').innerJoin('users as u', 'u.id', 'cc.user_id').select(['cc.id', 'cc.class_id', 'cc.user_id', 'cc.day', 'u.name']);
}

type CoverRow = Awaited<ReturnType<ReturnType<typeof coverQuery>['executeTakeFirstOrThrow']>>;
const toCover = (r: CoverRow): Cover => ({ id: r.id, classId: r.class_id, userId: r.user_id, teacherName: r.name, day: r.day });

/** Covers from `fromDay` on, of these classes or taken by this user. */
export async function listCovers(db: Executor, fromDay: string, classIds: ClassFilter, userId: string | null): Promise<Cover[]> {
  let q = coverQuery(db).where('cc.day', '>=', fromDay);
  if (classIds) {
    if (classIds.length === 0 && userId === null) return [];
    q = q.where((eb) => eb.or([...(classIds.length ? [eb('cc.class_id', 'in', classIds)] : []), ...(userId === null ? [] : [eb('cc.user_id', '=', userId)])]));
  }
  return (await q.orderBy('cc.day').orderBy('cc.id').execute()).map(toCover);
}

export async function findCover(db: Executor, classId: string, userId: string, day: string): Promise<Cover | undefined> {
  const r = await coverQuery(db).where('cc.class_id', '=', classId).where('cc.user_id', '=', userId).where('cc.day', '=', day).executeTakeFirst();
  return r ? toCover(r) : undefined;
}

/** The names of the active teachers covering these classes on a day. */
export async function activeCoverNames(db: Executor, classIds: readonly string[], day: string) {
  if (classIds.length === 0) return [];
  return db
    .selectFrom('class_covers as cc')
    .innerJoin('users as u', 'u.id', 'cc.user_id')
    .select(['cc.class_id', 'u.name'])
    .where('cc.class_id', 'in', classIds)
    .where('cc.day', '=', day)
    .where('u.disabled_at', 'is', null)
    .execute();
}

export async function periodLabels(db: Executor, periodIds: readonly string[]): Promise<Map<string, string>> {
  if (periodIds.length === 0) return new Map();
  const rows = await db.selectFrom('class_periods').select(['id', 'label']).where('id', 'in', periodIds).execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

export async function insertCover(db: Executor, row: ClassCoversTable) {
  await db.insertInto('class_covers').values(row).execute();
}

export async function coverById(db: Executor, id: string): Promise<Cover | undefined> {
  const r = await coverQuery(db).where('cc.id', '=', id).executeTakeFirst();
  return r ? toCover(r) : undefined;
}

export async function deleteCover(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('class_covers').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Classes a user covers on a school day (a cover teacher takes a class for that day only). */
export async function coveredClassIds(db: Executor, userId: string, day: string): Promise<string[]> {
  const rows = await db.selectFrom('class_covers').select('class_id').where('user_id', '=', userId).where('day', '=', day).execute();
  return rows.map((r) => r.class_id);
}

/** The first day of the term around this school day (the latest-starting one if terms overlap). */
export async function termFirstDay(db: Executor, day: string): Promise<string | undefined> {
  const term = await db
    .selectFrom('school_terms')
    .select('first_day')
    .where('first_day', '<=', day)
    .where('last_day', '>=', day)
    .orderBy('first_day', 'desc')
    .executeTakeFirst();
  return term?.first_day;
}

/** Covers on the days from `fromDay` to `toDay`, both included: whose scopes those days' midnights changed. */
export async function coversBetween(db: Executor, fromDay: string, toDay: string): Promise<{ classId: string; userId: string }[]> {
  const rows = await db.selectFrom('class_covers').select(['class_id', 'user_id']).where('day', '>=', fromDay).where('day', '<=', toDay).execute();
  return rows.map((r) => ({ classId: r.class_id, userId: r.user_id }));
}
