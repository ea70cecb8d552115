// Rules for students: unique ids, and deletion that removes biometric data at once and tells
// every device (through the change log) to drop it.
import type { CreateStudentBody, Student, UpdateStudentBody } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { countMarksOf } from '../attendance/attendance.repository.ts';
import { studentsOnRosters } from '../classes/classes.repository.ts';
import { eraseStudentName, flushDeleted } from '../privacy/erasure.ts';
import type { Change } from '../sync/changes.repository.ts';
import { publishChange } from '../sync/publish-change.ts';
import * as repo from './students.repository.ts';

/**
 * A teacher or device may see a student only when the student is on one of their rosters; any other
 * is "not found". A write checks it inside its transaction (`db` the transaction), after locking the student.
 */
export async function assertStudentInScope(db: Executor, studentId: string, scope: Scope) {
  if (scope.all) return;
  if (!(await studentsOnRosters(db, [studentId], [...scope.classIds])).has(studentId)) {
    // The same answer as for an unknown id: a scoped caller must not learn which ids exist elsewhere.
    throw new ApiError('student-not-found', `No student with id ${studentId}.`);
  }
}

export function studentsService(ctx: ServiceContext) {
  const mustFind = async (studentId: string): Promise<Student> => {
    const s = await repo.findStudent(ctx.db, studentId);
    if (!s) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
    return s;
  };

  return {
    async get(studentId: string, scope: Scope): Promise<Student> {
      const s = await mustFind(studentId);
      await assertStudentInScope(ctx.db, studentId, scope);
      return s;
    },

    list(f: repo.StudentFilter, limit: number, offset: number, scope: Scope) {
      if (f.classId) assertClassInScope(scope, f.classId);
      return repo.listStudents(ctx.db, { ...f, inClasses: scopedClassIds(scope) }, limit, offset);
    },

    async create(body: CreateStudentBody): Promise<Student> {
      const at = ctx.now();
      try {
        await writeTransaction(ctx, async (trx) => {
          // Kept marks stay the record of the student they were made for: a new pupil under the
          // same id would inherit them (an excuse, an absence) in the register and their export.
          const kept = await countMarksOf(trx, body.studentId);
          if (kept > 0 && !(await repo.findStudent(trx, body.studentId))) {
            throw new ApiError(
              'student-id-retired',
              `Student id ${body.studentId} belonged to a deleted student whose ${kept} attendance marks are kept as school records; give the new student another id.`,
              { studentId: body.studentId, marksKept: kept },
            );
          }
          await repo.insertStudent(trx, { studentId: body.studentId, name: body.name, email: body.email ?? null }, at);
          await publishChange(trx, [{ entity: 'student', entityId: body.studentId, op: 'upsert' }], { studentIds: [body.studentId] }, at);
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
        await publishChange(trx, [{ entity: 'student', entityId: studentId, op: 'upsert' }], { studentIds: [studentId] }, at);
      });
      return mustFind(studentId);
    },

    async delete(studentId: string, keepMarks: boolean) {
      const at = ctx.now();
      const result = await writeTransaction(ctx, async (trx) => {
        const found = await repo.lockStudents(trx, ctx.dialect, [studentId]);
        if (!found.has(studentId)) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
        const { embeddingIds, classIds, marks } = await repo.deleteStudentData(trx, studentId, keepMarks);
        await repo.deleteStudentRow(trx, studentId);
        await eraseStudentName(trx, studentId);
        const changes: Change[] = [
          ...embeddingIds.map((id): Change => ({ entity: 'embedding', entityId: id, op: 'delete', classIds })),
          ...classIds.map((c): Change => ({ entity: 'class', entityId: c, op: 'upsert' })),
          { entity: 'student', entityId: studentId, op: 'delete', classIds },
        ];
        await publishChange(trx, changes, { studentIds: [studentId], classIds }, at);
        return { studentId, embeddingsDeleted: embeddingIds.length, marksDeleted: keepMarks ? 0 : marks, marksKept: keepMarks ? marks : 0 };
      });
      await flushDeleted(ctx);
      return result;
    },
  };
}
