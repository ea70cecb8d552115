// SQL for a student's guardians, kept in the order the school gave them.
import type { Guardian } from '@rollcall/contracts';
import type { GuardiansTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';

export const toGuardian = (r: GuardiansTable): Guardian => ({
  id: r.id,
  studentId: r.student_id,
  name: r.name,
  relation: r.relation,
  email: r.email,
  phone: r.phone,
  language: r.language,
  mayContact: Number(r.may_contact) === 1,
  sourceId: r.source_id,
});

export async function listGuardians(db: Executor, studentId: string): Promise<Guardian[]> {
  const rows = await db.selectFrom('guardians').selectAll().where('student_id', '=', studentId).orderBy('position').orderBy('id').execute();
  return rows.map(toGuardian);
}

/** Ids of this student's guardians now, with when each was created. */
export async function existingGuardians(db: Executor, studentId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('guardians').select(['id', 'created_at']).where('student_id', '=', studentId).execute();
  return new Map(rows.map((r) => [r.id, Number(r.created_at)]));
}

export async function deleteGuardiansExcept(db: Executor, studentId: string, keep: string[]): Promise<void> {
  let q = db.deleteFrom('guardians').where('student_id', '=', studentId);
  if (keep.length) q = q.where('id', 'not in', keep);
  await q.execute();
}

export async function insertGuardian(db: Executor, row: GuardiansTable): Promise<void> {
  await db.insertInto('guardians').values(row).execute();
}

export async function updateGuardian(db: Executor, row: GuardiansTable): Promise<void> {
  const { id, student_id: _s, created_at: _c, ...change } = row;
  await db.updateTable('guardians').set(change).where('id', '=', id).execute();
}

/** The guardians of these students who may be contacted, in each student's order. */
export async function contactableGuardians(db: Executor, studentIds: readonly string[]) {
  return db
    .selectFrom('guardians')
    .select(['id', 'student_id', 'email', 'phone', 'language'])
    .where('student_id', 'in', studentIds)
    .where('may_contact', '=', 1)
    .orderBy('student_id')
    .orderBy('position')
    .execute();
}

export async function guardianContact(db: Executor, id: string) {
  return db.selectFrom('guardians').select(['name', 'may_contact']).where('id', '=', id).executeTakeFirst();
}
