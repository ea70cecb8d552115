// SQL for classes and their rosters.
import type { Class } from '@rollcall/contracts';
import type { Executor } from '../../shared/context.ts';
import { missingIds } from '../../shared/missing-ids.ts';
import { groupUnder } from '../../shared/group-under.ts';
import { toIso } from '../../shared/time.ts';

function classQuery(db: Executor) {
  return db
    .selectFrom('classes as c')
    .select(['c.id', 'c.name', 'c.created_at', 'c.updated_at'])
    .select((eb) =>
      eb
        .selectFrom('class_students as cs')
        .whereRef('cs.class_id', '=', 'c.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('student_count'),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof classQuery>['executeTakeFirstOrThrow']>>;

const toClass = (r: Row): Class => ({
  id: r.id,
  name: r.name,
  studentCount: Number(r.student_count ?? 0),
  createdAt: toIso(Number(r.created_at)),
  updatedAt: toIso(Number(r.updated_at)),
});

export async function findClass(db: Executor, id: string): Promise<Class | null> {
  const r = await classQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r ? toClass(r) : null;
}

export async function listClasses(db: Executor): Promise<Class[]> {
  return (await classQuery(db).orderBy('c.name').execute()).map(toClass);
}

export async function insertClass(db: Executor, id: string, name: string, at: number) {
  await db.insertInto('classes').values({ id, name, created_at: at, updated_at: at }).execute();
}

export async function renameClass(db: Executor, id: string, name: string, at: number) {
  const r = await db.updateTable('classes').set({ name, updated_at: at }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchClass(db: Executor, id: string, at: number) {
  await db.updateTable('classes').set({ updated_at: at }).where('id', '=', id).execute();
}

export async function deleteClass(db: Executor, id: string) {
  const r = await db.deleteFrom('classes').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function rosterOf(db: Executor, classId: string): Promise<string[]> {
  const rows = await db.selectFrom('class_students').select('student_id').where('class_id', '=', classId).orderBy('student_id').execute();
  return rows.map((r) => r.student_id);
}

export async function rostersOf(db: Executor, classIds: string[]): Promise<Map<string, string[]>> {
  const rows = classIds.length
    ? await db.selectFrom('class_students').select(['class_id', 'student_id']).where('class_id', 'in', classIds).orderBy('student_id').execute()
    : [];
  return groupUnder(
    classIds,
    rows,
    (r) => r.class_id,
    (r) => r.student_id,
  );
}

export async function addMembers(db: Executor, classId: string, studentIds: string[]) {
  if (studentIds.length === 0) return;
  await db
    .insertInto('class_students')
    .values(studentIds.map((student_id) => ({ class_id: classId, student_id })))
    .execute();
}

export async function removeMembers(db: Executor, classId: string, studentIds: string[]) {
  if (studentIds.length === 0) return;
  await db.deleteFrom('class_students').where('class_id', '=', classId).where('student_id', 'in', studentIds).execute();
}

/** Locks the class row (MySQL) so concurrent roster edits apply one after the other. */
export async function lockClass(db: Executor, dialect: 'mysql' | 'sqlite', id: string): Promise<boolean> {
  let q = db.selectFrom('classes').select('id').where('id', '=', id);
  if (dialect === 'mysql') q = q.forUpdate();
  return (await q.executeTakeFirst()) !== undefined;
}

/** The ids among these that name no class. */
export async function missingClassIds(db: Executor, ids: readonly string[]): Promise<string[]> {
  return missingIds(ids, (some) => db.selectFrom('classes').select('id').where('id', 'in', some).execute());
}
