// SQL for students. Rows become contract objects here and nowhere else.
import { sql } from 'kysely';
import { cameraFreeFor, ConsentStatus, type Student } from '@rollcall/contracts';
import { LIKE_ESCAPE, likePattern, type Executor } from '../../shared/context.ts';
import { missingIds } from '../../shared/ids.ts';
import { countMarksOf, deleteMarksOf } from '../attendance/attendance.repository.ts';
import { deleteEmbeddingsOf, embeddingCountOf } from '../embeddings/embeddings.repository.ts';
import { SETTING, settingValue } from '../privacy/settings.repository.ts';
import { leaveRosters, onRosterOf } from '../classes/classes.repository.ts';
import { toIso } from '../../shared/time.ts';

function studentQuery(db: Executor) {
  return (
    db
      .selectFrom('students as s')
      .select(['s.student_id', 's.name', 's.email', 's.created_at', 's.updated_at', 's.consent_status'])
      .select((eb) => embeddingCountOf(eb).as('embedding_count'))
      // The school's consent policy (no row: the default, on), read in the same query so every
      // student answer - and so every sync - says whether they are camera-free.
      .select(settingValue(db, SETTING.consentRequired).as('consent_required'))
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof studentQuery>['executeTakeFirstOrThrow']>>;

function toStudent(r: Row): Student {
  const consent = ConsentStatus.parse(r.consent_status);
  return {
    studentId: r.student_id,
    name: r.name,
    email: r.email,
    embeddingCount: Number(r.embedding_count ?? 0),
    consent,
    cameraFree: cameraFreeFor(consent, r.consent_required !== 'false'),
    createdAt: toIso(Number(r.created_at)),
    updatedAt: toIso(Number(r.updated_at)),
  };
}

export async function findStudent(db: Executor, studentId: string): Promise<Student | null> {
  const row = await studentQuery(db).where('s.student_id', '=', studentId).executeTakeFirst();
  return row ? toStudent(row) : null;
}

export async function findStudents(db: Executor, ids: string[]): Promise<Student[]> {
  if (ids.length === 0) return [];
  const rows = await studentQuery(db).where('s.student_id', 'in', ids).execute();
  return rows.map(toStudent);
}

export interface StudentFilter {
  q?: string | undefined;
  classId?: string | undefined;
  /** Only students on one of these rosters (a teacher's or a device's classes). */
  inClasses?: string[] | null;
}

function filtered(db: Executor, f: StudentFilter) {
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

export async function listStudents(db: Executor, f: StudentFilter, limit: number, offset: number) {
  const ids = await filtered(db, f).select('s.student_id').orderBy('s.student_id').limit(limit).offset(offset).execute();
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const students = await findStudents(
    db,
    ids.map((r) => r.student_id),
  );
  const byId = new Map(students.map((s) => [s.studentId, s]));
  return { items: ids.map((r) => byId.get(r.student_id)!).filter(Boolean), total: Number(total.n) };
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

export async function deleteStudentRow(db: Executor, studentId: string) {
  const result = await db.deleteFrom('students').where('student_id', '=', studentId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Locks the given students' rows until the transaction ends (MySQL); SQLite serialises writers anyway. */
export async function lockStudents(db: Executor, dialect: 'mysql' | 'sqlite', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const sorted = [...new Set(ids)].sort();
  let query = db.selectFrom('students').select('student_id').where('student_id', 'in', sorted).orderBy('student_id');
  if (dialect === 'mysql') query = query.forUpdate();
  const rows = await query.execute();
  return new Set(rows.map((r) => r.student_id));
}

/** The ids among these that name no student. */
export async function missingStudentIds(db: Executor, ids: readonly string[]): Promise<string[]> {
  return missingIds(ids, (some) => db.selectFrom('students').select('student_id as id').where('student_id', 'in', some).execute());
}

/**
 * Removes everything a student holds (embeddings, roster places, and marks unless kept) before
 * the student row goes; returns what was there, for the change log and the answer.
 */
export async function deleteStudentData(db: Executor, studentId: string, keepMarks: boolean) {
  const embeddingIds = await deleteEmbeddingsOf(db, studentId);
  const classIds = await leaveRosters(db, studentId);
  const marks = await countMarksOf(db, studentId);
  if (!keepMarks) await deleteMarksOf(db, studentId);
  return { embeddingIds, classIds, marks };
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
