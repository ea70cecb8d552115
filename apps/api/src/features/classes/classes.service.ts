// Rules for classes and rosters: unique names, rosters only of existing students, every roster
// change in the change log so devices can scope their gallery to a class.
import { randomUUID } from 'node:crypto';
import type { Class } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, inScope, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import type { ChangesService } from '../sync/changes.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import * as repo from './classes.repository.ts';
import { assertClassesExist } from './classes-exist.ts';

export function classesService(ctx: ServiceContext, deps: { changes: ChangesService; studentRows: StudentRowsService }) {
  const assertStudentsExist = async (db: Executor, ids: string[]) => {
    const missing = await deps.studentRows.missing(db, ids);
    if (missing.length)
      throw new ApiError('student-not-found', `Unknown student id${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 10).join(', ')}.`, { missing });
  };
  const mustFind = async (id: string): Promise<Class> => {
    const c = await repo.findClass(ctx.db, id);
    if (!c) throw new ApiError('class-not-found', `No class with id ${id}.`);
    return c;
  };
  const duplicateName = (name: string) => new ApiError('duplicate-class-name', `A class named ${JSON.stringify(name)} already exists.`);

  /** Applies a roster change inside a locked transaction and records it. */
  const editRoster = async (classId: string, change: (trx: Executor, current: string[]) => Promise<{ added: string[]; removed: string[] }>) => {
    await writeTransaction(ctx, async (trx) => {
      if (!(await repo.lockClass(trx, ctx.dialect, classId))) throw new ApiError('class-not-found', `No class with id ${classId}.`);
      const { added, removed } = await change(trx, await repo.rosterOf(trx, classId));
      if (added.length + removed.length === 0) return;
      const at = ctx.now();
      await repo.touchClass(trx, classId, at);
      await deps.changes.publish(trx, deps.changes.rosterChanged(classId, added), { studentIds: [...added, ...removed], classIds: [classId] }, at);
    });
    return { classId, studentIds: await repo.rosterOf(ctx.db, classId) };
  };

  return {
    async get(id: string, scope: Scope) {
      const c = await mustFind(id);
      assertClassInScope(scope, id);
      return c;
    },
    list: async (scope: Scope) => ({ items: (await repo.listClasses(ctx.db)).filter((c) => inScope(scope, c.id)) }),

    async create(name: string, studentIds: string[] = []): Promise<Class> {
      const id = randomUUID();
      const members = [...new Set(studentIds)];
      try {
        await writeTransaction(ctx, async (trx) => {
          const at = ctx.now();
          await assertStudentsExist(trx, members);
          await repo.insertClass(trx, id, name, at);
          await repo.addMembers(trx, id, members);
          await deps.changes.publish(trx, deps.changes.rosterChanged(id, members), { studentIds: members, classIds: [id] }, at);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName(name);
        throw err;
      }
      return mustFind(id);
    },

    async rename(id: string, name: string): Promise<Class> {
      try {
        await writeTransaction(ctx, async (trx) => {
          const at = ctx.now();
          if (!(await repo.renameClass(trx, id, name, at))) throw new ApiError('class-not-found', `No class with id ${id}.`);
          await deps.changes.publish(trx, [{ entity: 'class', entityId: id, op: 'upsert' }], { classIds: [id] }, at);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName(name);
        throw err;
      }
      return mustFind(id);
    },

    async delete(id: string) {
      await writeTransaction(ctx, async (trx) => {
        const at = ctx.now();
        if (!(await repo.deleteClass(trx, id))) throw new ApiError('class-not-found', `No class with id ${id}.`);
        await deps.changes.publish(trx, [{ entity: 'class', entityId: id, op: 'delete', classIds: [id] }], { classIds: [id] }, at);
      });
      return { ok: true as const };
    },

    async roster(id: string, scope: Scope) {
      await mustFind(id);
      assertClassInScope(scope, id);
      return { classId: id, studentIds: await repo.rosterOf(ctx.db, id) };
    },

    setRoster: (id: string, studentIds: string[]) =>
      editRoster(id, async (trx, current) => {
        const wanted = [...new Set(studentIds)];
        await assertStudentsExist(trx, wanted);
        const have = new Set(current);
        const want = new Set(wanted);
        const added = wanted.filter((s) => !have.has(s));
        const removed = current.filter((s) => !want.has(s));
        await repo.removeMembers(trx, id, removed);
        await repo.addMembers(trx, id, added);
        return { added, removed };
      }),

    addMember: (id: string, studentId: string) =>
      editRoster(id, async (trx, current) => {
        if (current.includes(studentId)) return { added: [], removed: [] };
        await assertStudentsExist(trx, [studentId]);
        await repo.addMembers(trx, id, [studentId]);
        return { added: [studentId], removed: [] };
      }),

    removeMember: (id: string, studentId: string) =>
      editRoster(id, async (trx, current) => {
        if (!current.includes(studentId)) throw new ApiError('student-not-found', `Student ${studentId} is not in this class.`);
        await repo.removeMembers(trx, id, [studentId]);
        return { added: [], removed: [studentId] };
      }),

    // For other features, in the executor they pass (their transaction, or ctx.db to read).
    /**
     * A teacher or device may see a student only when the student is on one of their rosters; any
     * other is "not found". A write checks it inside its transaction, after locking the student.
     */
    async assertStudentInScope(db: Executor, studentId: string, scope: Scope) {
      if (scope.all) return;
      if (!(await repo.studentsOnRosters(db, [studentId], [...scope.classIds])).has(studentId)) {
        // The same answer as for an unknown id: a scoped caller must not learn which ids exist elsewhere.
        throw new ApiError('student-not-found', `No student with id ${studentId}.`);
      }
    },
    /** class-not-found, listing the unknown ids, unless every one of these classes exists. */
    assertExist: (db: Executor, ids: readonly string[]) => assertClassesExist(db, ids),
    /** Locks the class's row until the transaction ends; false when there is no such class. */
    lockClass: (trx: Executor, id: string) => repo.lockClass(trx, ctx.dialect, id),
    classNames: (db: Executor, ids: readonly string[]) => repo.classNames(db, ids),
    allClassIds: (db: Executor) => repo.allClassIds(db),
    /** A keyset page of the students on these classes' rosters: up to `n` ids after `after`, in id order. */
    rosterStudentIdsAfter: (db: Executor, classIds: readonly string[], after: string | null, n: number) => repo.rosterStudentIdsAfter(db, classIds, after, n),
    rostersOf: (db: Executor, ids: string[]) => repo.rostersOf(db, ids),
    rosterStudentsOf: (db: Executor, ids: readonly string[]) => repo.rosterStudentsOf(db, ids),
    studentsOnRosters: (db: Executor, studentIds: readonly string[], classIds: readonly string[]) => repo.studentsOnRosters(db, studentIds, classIds),
    rosterPairs: (db: Executor, studentIds: readonly string[], classIds: readonly string[]) => repo.rosterPairs(db, studentIds, classIds),
    classIdsOfStudents: (db: Executor, ids: readonly string[]) => repo.classIdsOfStudents(db, ids),
    classIdsOfStudent: (db: Executor, id: string) => repo.classIdsOfStudent(db, id),
    classesOfStudent: (db: Executor, id: string) => repo.classesOfStudent(db, id),
    rosterMatesOf: (db: Executor, studentId: string, classIds: readonly string[]) => repo.rosterMatesOf(db, studentId, classIds),
    leaveRosters: (trx: Executor, studentId: string) => repo.leaveRosters(trx, studentId),
    consentStatusesByClass: (db: Executor) => repo.consentStatusesByClass(db),
    /** The condition "on the roster of one of these classes", for the students repository's queries. */
    onRosterOf: repo.onRosterOf,
  };
}
export type ClassesService = ReturnType<typeof classesService>;
