// Rules for guardians: staff of a student's classes read them (to chase an absence), admins set
// the whole list at once (the student's page, a roster import); a guardian kept by id stays the
// same guardian, so the notices already sent to them stay theirs.
import { randomUUID } from 'node:crypto';
import type { GuardianList, SetGuardiansBody } from '@rollcall/contracts';
import type { z } from 'zod';
import { ApiError } from '../../http/errors.ts';
import type { Scope } from '../../shared/actor.ts';
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { NoticesService } from '../notices/notices.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import * as repo from './guardians.repository.ts';

type Parsed = z.output<typeof SetGuardiansBody>;

export function guardiansService(
  ctx: ServiceContext,
  { classes, notices, studentRows }: { classes: ClassesService; notices: NoticesService; studentRows: StudentRowsService },
) {
  async function mustReach(studentId: string, scope: Scope) {
    if ((await studentRows.missing(ctx.db, [studentId])).length) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
    await classes.assertStudentInScope(ctx.db, studentId, scope);
  }

  return {
    async list(studentId: string, scope: Scope): Promise<GuardianList> {
      await mustReach(studentId, scope);
      return { items: await repo.listGuardians(ctx.db, studentId) };
    },

    async notices(studentId: string, scope: Scope) {
      await mustReach(studentId, scope);
      return { items: await notices.listForStudent(studentId) };
    },

    async set(studentId: string, { guardians }: Parsed): Promise<GuardianList> {
      const at = ctx.now();
      await writeTransaction(ctx, async (trx) => {
        if (!(await studentRows.lock(trx, [studentId])).has(studentId)) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
        const existing = await repo.existingGuardians(trx, studentId);
        const named = guardians.flatMap((g) => (g.id ? [g.id] : []));
        const unknown = named.find((id) => !existing.has(id));
        if (unknown) throw new ApiError('validation-failed', `Guardian ${unknown} is not one of this student's guardians.`, { guardianId: unknown });
        if (new Set(named).size !== named.length) throw new ApiError('validation-failed', 'The same guardian is listed twice.');
        await repo.deleteGuardiansExcept(trx, studentId, named);
        for (const [position, g] of guardians.entries()) {
          const row = {
            id: g.id ?? randomUUID(),
            student_id: studentId,
            position,
            name: g.name,
            relation: g.relation || null,
            email: g.email ?? null,
            phone: g.phone ?? null,
            language: g.language ?? null,
            may_contact: g.mayContact ? 1 : 0,
            source_id: g.sourceId ?? null,
            created_at: g.id ? existing.get(g.id)! : at,
            updated_at: at,
          };
          await (g.id ? repo.updateGuardian(trx, row) : repo.insertGuardian(trx, row));
        }
      });
      return { items: await repo.listGuardians(ctx.db, studentId) };
    },
  };
}
