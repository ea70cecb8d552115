// Rules for students: unique ids, and deletion that removes biometric data at once and tells
// every device (through the change log) to drop it.
import type { CreateStudentBody, Student, UpdateStudentBody } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import type { AttendanceService } from '../attendance/attendance.service.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EmbeddingsService } from '../embeddings/embeddings.service.ts';
import type { EventsService } from '../events/events.service.ts';
import { eraseStudentName, flushDeleted } from '../privacy/erasure.ts';
import type { SchoolSettingsService } from '../privacy/school-settings.service.ts';
import type { Change, ChangesService } from '../sync/changes.service.ts';
import type { StudentRowsService } from './student-rows.service.ts';
import * as repo from './students.repository.ts';

export interface StudentsDeps {
  attendance: AttendanceService;
  changes: ChangesService;
  classes: ClassesService;
  embeddings: EmbeddingsService;
  events: EventsService;
  settings: SchoolSettingsService;
  studentRows: StudentRowsService;
}

export function studentsService(ctx: ServiceContext, deps: StudentsDeps) {
  const { attendance, changes, classes, embeddings, settings, studentRows } = deps;

  /** These students as the API shows them (in no particular order), with their embedding counts and the consent policy. */
  async function findStudents(db: Executor, ids: string[]): Promise<Student[]> {
    const rows = await repo.studentRows(db, ids);
    if (rows.length === 0) return [];
    const [counts, consentRequired] = await Promise.all([embeddings.countsOf(db, ids), settings.consentRequired(db)]);
    return rows.map((r) => repo.toStudent(r, counts.get(r.student_id) ?? 0, consentRequired));
  }
  const findStudent = async (db: Executor, studentId: string): Promise<Student | null> => (await findStudents(db, [studentId]))[0] ?? null;

  const mustFind = async (studentId: string): Promise<Student> => {
    const s = await findStudent(ctx.db, studentId);
    if (!s) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
    return s;
  };

  return {
    async get(studentId: string, scope: Scope): Promise<Student> {
      const s = await mustFind(studentId);
      await classes.assertStudentInScope(ctx.db, studentId, scope);
      return s;
    },

    async list(f: repo.StudentFilter, limit: number, offset: number, scope: Scope) {
      if (f.classId) assertClassInScope(scope, f.classId);
      const { ids, total } = await repo.listStudentIds(ctx.db, { ...f, inClasses: scopedClassIds(scope) }, classes.onRosterOf, limit, offset);
      const byId = new Map((await findStudents(ctx.db, ids)).map((s) => [s.studentId, s]));
      return { items: ids.map((id) => byId.get(id)!).filter(Boolean), total };
    },

    async create(body: CreateStudentBody): Promise<Student> {
      const at = ctx.now();
      try {
        await writeTransaction(ctx, async (trx) => {
          // Kept marks stay the record of the student they were made for: a new pupil under the
          // same id would inherit them (an excuse, an absence) in the register and their export.
          const kept = await attendance.countMarksOf(trx, body.studentId);
          if (kept > 0 && !(await findStudent(trx, body.studentId))) {
            throw new ApiError(
              'student-id-retired',
              `Student id ${body.studentId} belonged to a deleted student whose ${kept} attendance marks are kept as school records; give the new student another id.`,
              { studentId: body.studentId, marksKept: kept },
            );
          }
          await repo.insertStudent(trx, { studentId: body.studentId, name: body.name, email: body.email ?? null }, at);
          await changes.publish(trx, [{ entity: 'student', entityId: body.studentId, op: 'upsert' }], { studentIds: [body.studentId] }, at);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ApiError('duplicate-student-id', `A student with id ${body.studentId} already exists.`);
        throw err;
      }
      return mustFind(body.studentId);
    },

    async update(studentId: string, body: UpdateStudentBody): Promise<Student> {
      const at = ctx.now();
      await writeTransaction(ctx, async (trx) => {
        const patch: { name?: string; email?: string | null } = {};
        if (body.name !== undefined) patch.name = body.name;
        if (body.email !== undefined) patch.email = body.email;
        if (!(await repo.updateStudent(trx, studentId, patch, at))) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
        await changes.publish(trx, [{ entity: 'student', entityId: studentId, op: 'upsert' }], { studentIds: [studentId] }, at);
      });
      return mustFind(studentId);
    },

    async delete(studentId: string, keepMarks: boolean) {
      const at = ctx.now();
      const result = await writeTransaction(ctx, async (trx) => {
        const found = await studentRows.lock(trx, [studentId]);
        if (!found.has(studentId)) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
        // Everything the student holds goes before the row: embeddings, roster places, and marks unless kept.
        const embeddingIds = await embeddings.deleteOf(trx, studentId);
        const classIds = await classes.leaveRosters(trx, studentId);
        const marks = await attendance.countMarksOf(trx, studentId);
        if (!keepMarks) await attendance.deleteMarksOf(trx, studentId);
        await repo.deleteStudentRow(trx, studentId);
        await eraseStudentName(trx, studentId, deps);
        const changed: Change[] = [
          ...embeddingIds.map((id): Change => ({ entity: 'embedding', entityId: id, op: 'delete', classIds })),
          ...classIds.map((c): Change => ({ entity: 'class', entityId: c, op: 'upsert' })),
          { entity: 'student', entityId: studentId, op: 'delete', classIds },
        ];
        await changes.publish(trx, changed, { studentIds: [studentId], classIds }, at);
        return { studentId, embeddingsDeleted: embeddingIds.length, marksDeleted: keepMarks ? 0 : marks, marksKept: keepMarks ? marks : 0 };
      });
      await flushDeleted(ctx);
      return result;
    },

    // For other features, in the executor they pass.
    findStudent,
    findStudents,
    /** A keyset page of every student: up to `n` ids after `after`, in id order. */
    studentIdsAfter: (db: Executor, after: string | null, n: number) => repo.studentIdsAfter(db, after, n),
  };
}
export type StudentsService = ReturnType<typeof studentsService>;
