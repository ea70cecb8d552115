// SQL for students. Rows become contract objects here and nowhere else.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { cameraFreeFor, ConsentStatus, type Student } from '@rollcall/contracts';
import type { DB, StudentsTable } from '../../db/schema.ts';
import { LIKE_ESCAPE, likePattern, type Executor } from '../../shared/context.ts';
import { missingIds } from '../../shared/ids.ts';
import { toIso } from '../../shared/time.ts';
import { bumpSummaryEpochs } from '../../shared/summary-epochs.repository.ts';

function studentQuery(db: Executor) {
  return db.selectFrom('students as s').select(['s.student_id', 's.name', 's.email', 's.created_at', 's.updated_at', 's.consent_status']);
}

export type StudentRow = Awaited<ReturnType<ReturnType<typeof studentQuery>['executeTakeFirstOrThrow']>>;

/**
 * The student as the API shows it. What other features hold is read by the caller: the count of
 * face embeddings, and the school's consent policy, so every answer (and so every sync) says
 * whether the student is camera-free.
 */
export function toStudent(r: StudentRow, embeddingCount: number, consentRequired: boolean): Student {
  const consent = ConsentStatus.parse(r.consent_status);
  return {
    studentId: r.student_id,
    name: r.name,
    email: r.email,
    embeddingCount,
    consent,
    cameraFree: cameraFreeFor(consent, consentRequired),
    createdAt: toIso(Number(r.created_at)),
    updatedAt: toIso(Number(r.updated_at)),
  };
}

/** These students' rows, in no particular order. */
export async function studentRows(db: Executor, ids: readonly string[]): Promise<StudentRow[]> {
  if (ids.length === 0) return [];
  return studentQuery(db).where('s.student_id', 'in', ids).execute();
}

/** The condition "on the roster of one of these classes" over `students as s`, handed out by the classes service. */
export type OnRosterOf = (eb: ExpressionBuilder<DB & { s: StudentsTable }, 's'>, classIds: readonly string[]) => Expression<SqlBool>;

export interface StudentFilter {
  q?: string | undefined;
  classId?: string | undefined;
  /** Only students on one of these rosters (a teacher's or a device's classes). */
  inClasses?: string[] | null;
}

function filtered(db: Executor, f: StudentFilter, onRosterOf: OnRosterOf) {
  let query = db.selectFrom('students as s');
  if (f.q) {
    const pattern = likePattern(f.q);
    const contains = (column: 's.student_id' | 's.name') => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape ${sql.lit(LIKE_ESCAPE)}`;
    query = query.where((eb) => eb.or([contains('s.student_id'), contains('s.name')]));
  }
  if (f.classId) {
    const classId = f.classId;
    query = query.where((eb) => onRosterOf(eb, [classId]));
  }
  if (f.inClasses) {
    const classIds = f.inClasses;
    if (classIds.length === 0) return query.where(sql<boolean>`1 = 0`);
    query = query.where((eb) => onRosterOf(eb, classIds));
  }
  return query;
}

/** One page of the students matching the filter, by id, and how many match in all. */
/** Up to `n` student ids after `after`, in id order (a keyset page: it never shifts when rows come and go). */
export async function studentIdsAfter(db: Executor, after: string | null, n: number): Promise<string[]> {
  let q = db.selectFrom('students').select('student_id');
  if (after !== null) q = q.where('student_id', '>', after);
  return (await q.orderBy('student_id').limit(n).execute()).map((r) => r.student_id);
}

export async function listStudentIds(db: Executor, f: StudentFilter, onRosterOf: OnRosterOf, limit: number, offset: number) {
  const ids = await filtered(db, f, onRosterOf).select('s.student_id').orderBy('s.student_id').limit(limit).offset(offset).execute();
  const total = await filtered(db, f, onRosterOf)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ids: ids.map((r) => r.student_id), total: Number(total.n) };
}

export async function insertStudent(db: Executor, s: { studentId: string; name: string; email: string | null }, at: number) {
  await db.insertInto('students').values({ student_id: s.studentId, name: s.name, email: s.email, created_at: at, updated_at: at }).execute();
}

export async function updateStudent(db: Executor, studentId: string, patch: { name?: string; email?: string | null }, at: number) {
  const result = await db
    .updateTable('students')
    .set({ ...(patch.name !== undefined && { name: patch.name }), ...(patch.email !== undefined && { email: patch.email }), updated_at: at })
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Deletes a student; their roster rows go with them (a foreign key's cascade). The classes they
 * were on are read first, since on MySQL a cascade leaves nothing to look up and fires no trigger,
 * and their summary epochs raised: in the caller's transaction, no summary outlives the student.
 */
export async function deleteStudentRow(db: Executor, studentId: string) {
  const classIds = await db.selectFrom('class_students').select('class_id').where('student_id', '=', studentId).execute();
  await bumpSummaryEpochs(
    db,
    classIds.map((r) => r.class_id),
  );
  const result = await db.deleteFrom('students').where('student_id', '=', studentId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Locks the given students' rows until the transaction ends (MySQL); SQLite serialises writers anyway. */
export async function lockStudents(db: Executor, dialect: 'mysql' | 'sqlite', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const sorted = [...new Set(ids)].sort();
  let query = db.selectFrom('students').select('student_id').where('student_id', 'in', sorted).orderBy('student_id');
  if (dialect === 'mysql') query = query.forUpdate();
  return new Set((await query.execute()).map((r) => r.student_id));
}

/** The ids among these that name no student. */
export async function missingStudentIds(db: Executor, ids: readonly string[]): Promise<string[]> {
  return missingIds(ids, (some) => db.selectFrom('students').select('student_id as id').where('student_id', 'in', some).execute());
}

/** The current status of each of these students that exists. */
export async function consentStatusesOf(db: Executor, studentIds: string[]): Promise<Map<string, ConsentStatus>> {
  const out = new Map<string, ConsentStatus>();
  for (let i = 0; i < studentIds.length; i += 1000) {
    const rows = await db
      .selectFrom('students')
      .select(['student_id', 'consent_status'])
      .where('student_id', 'in', studentIds.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.student_id, ConsentStatus.parse(r.consent_status));
  }
  return out;
}

export async function setConsentStatus(db: Executor, studentId: string, status: ConsentStatus, at: number): Promise<void> {
  await db.updateTable('students').set({ consent_status: status, updated_at: at }).where('student_id', '=', studentId).execute();
}

/** Students whose status is "not asked": the ones a change of the consent policy moves in or out of camera-free. */
export async function notAskedIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('students').select('student_id').where('consent_status', '=', 'not-asked').execute()).map((r) => r.student_id);
}

export async function countByConsent(db: Executor) {
  return db
    .selectFrom('students')
    .select(['consent_status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('consent_status')
    .execute();
}
