// SQL for classes and their rosters.
import type { ExpressionBuilder } from 'kysely';
import type { Class } from '@rollcall/contracts';
import type { DB, StudentsTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
import { missingIds } from '../../shared/ids.ts';
import { groupUnder } from '../../shared/group-under.ts';
import { toIso } from '../../shared/time.ts';
import { bumpSummaryEpochs } from '../../shared/summary-epochs.repository.ts';

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
  return groupUnder(classIds, rows, 'class_id', (r) => r.student_id);
}

export async function addMembers(db: Executor, classId: string, studentIds: string[]) {
  if (studentIds.length === 0) return;
  await db
    .insertInto('class_students')
    .values(studentIds.map((student_id) => ({ class_id: classId, student_id })))
    .execute();
  // The statistics count today's roster over every day: each of the class's summaries changes.
  await bumpSummaryEpochs(db, [classId]);
}

export async function removeMembers(db: Executor, classId: string, studentIds: string[]) {
  if (studentIds.length === 0) return;
  await db.deleteFrom('class_students').where('class_id', '=', classId).where('student_id', 'in', studentIds).execute();
  await bumpSummaryEpochs(db, [classId]);
}

/** Every class id, in id order. */
export async function allClassIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('classes').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Up to `n` ids of students on these classes' rosters after `after`, in id order (a keyset page). */
export async function rosterStudentIdsAfter(db: Executor, classIds: readonly string[], after: string | null, n: number): Promise<string[]> {
  if (classIds.length === 0) return [];
  let q = db.selectFrom('class_students').select('student_id').distinct().where('class_id', 'in', classIds);
  if (after !== null) q = q.where('student_id', '>', after);
  return (await q.orderBy('student_id').limit(n).execute()).map((r) => r.student_id);
}

export async function classNames(db: Executor, classIds: readonly string[]): Promise<Map<string, string>> {
  if (classIds.length === 0) return new Map();
  const rows = await db.selectFrom('classes').select(['id', 'name']).where('id', 'in', classIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
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

function rosterPlaces(db: Executor, studentIds: readonly string[], classIds: readonly string[]) {
  return db.selectFrom('class_students').select(['class_id', 'student_id']).where('student_id', 'in', studentIds).where('class_id', 'in', classIds).execute();
}

/** Which of these students are on a roster of one of these classes. */
export async function studentsOnRosters(db: Executor, studentIds: readonly string[], classIds: readonly string[]): Promise<Set<string>> {
  if (studentIds.length === 0 || classIds.length === 0) return new Set();
  return new Set((await rosterPlaces(db, studentIds, classIds)).map((r) => r.student_id));
}

/** Which (class, student) pairs exist among these classes' rosters, as `classId/studentId` keys. */
export async function rosterPairs(db: Executor, studentIds: readonly string[], classIds: readonly string[]): Promise<Set<string>> {
  if (studentIds.length === 0 || classIds.length === 0) return new Set();
  return new Set((await rosterPlaces(db, studentIds, classIds)).map((r) => `${r.class_id}/${r.student_id}`));
}

/** The classes whose roster holds each of these students (asked in chunks: a policy change can touch the whole school). */
export async function classIdsOfStudents(db: Executor, studentIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = [];
  for (let i = 0; i < studentIds.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('class_students')
        .select(['class_id', 'student_id'])
        .where('student_id', 'in', studentIds.slice(i, i + 1000))
        .execute()),
    );
  }
  return groupUnder(studentIds, rows, 'student_id', (r) => r.class_id);
}

export async function classIdsOfStudent(db: Executor, studentId: string): Promise<string[]> {
  return (await classIdsOfStudents(db, [studentId])).get(studentId)!;
}

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

/** The students other than this one on a roster of these classes or of the student's own. */
export async function rosterMatesOf(db: Executor, studentId: string, classIds: readonly string[]): Promise<string[]> {
  const own = await classIdsOfStudent(db, studentId);
  const all = [...new Set([...own, ...classIds])];
  if (all.length === 0) return [];
  const rows = await db
    .selectFrom('class_students')
    .select('student_id')
    .distinct()
    .where('class_id', 'in', all)
    .where('student_id', '<>', studentId)
    .execute();
  return rows.map((r) => r.student_id);
}

/** Takes a student off every roster; returns the classes it was on. */
export async function leaveRosters(db: Executor, studentId: string): Promise<string[]> {
  const classIds = await classIdsOfStudent(db, studentId);
  await db.deleteFrom('class_students').where('student_id', '=', studentId).execute();
  await bumpSummaryEpochs(db, classIds);
  return classIds;
}

export interface RosterStudent {
  studentId: string;
  name: string;
  consentStatus: string;
}

/** Each class's roster with the students' names and consent, by name. */
export async function rosterStudentsOf(db: Executor, classIds: readonly string[]): Promise<Map<string, RosterStudent[]>> {
  if (classIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('class_students as cs')
    .innerJoin('students as s', 's.student_id', 'cs.student_id')
    .select(['cs.class_id', 's.student_id', 's.name', 's.consent_status'])
    .where('cs.class_id', 'in', classIds)
    .orderBy('s.name')
    .orderBy('s.student_id')
    .execute();
  return groupUnder(classIds, rows, 'class_id', (r): RosterStudent => ({ studentId: r.student_id, name: r.name, consentStatus: r.consent_status }));
}

/** Every class with how many of its students have each consent status (a class with none has one row, status null). */
export async function consentStatusesByClass(db: Executor) {
  return db
    .selectFrom('classes as c')
    .leftJoin('class_students as cs', 'cs.class_id', 'c.id')
    .leftJoin('students as s', 's.student_id', 'cs.student_id')
    .select(['c.id', 'c.name', 's.consent_status'])
    .select((eb) => eb.fn.count<number>('s.student_id').as('n'))
    .groupBy(['c.id', 'c.name', 's.consent_status'])
    .orderBy('c.name')
    .execute();
}

/** The condition "on the roster of one of these classes" for a query over `students as s`. */
export function onRosterOf(eb: ExpressionBuilder<DB & { s: StudentsTable }, 's'>, classIds: readonly string[]) {
  return eb.exists(
    eb.selectFrom('class_students as cs').select('cs.student_id').whereRef('cs.student_id', '=', 's.student_id').where('cs.class_id', 'in', classIds),
  );
}
