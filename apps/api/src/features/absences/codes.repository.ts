// SQL for the school's attendance codes and absence reasons, kept in list order.
import { randomUUID } from 'node:crypto';
import { MarkStatus, type CodeSetBody } from '@rollcall/contracts';
import type { Executor } from '../../shared/context.ts';

/** The stored set and who last saved it, or null when the school never chose one. */
export async function readCodeSet(db: Executor): Promise<(CodeSetBody & { updatedBy: string }) | null> {
  const codes = await db.selectFrom('attendance_codes').selectAll().orderBy('position').execute();
  if (codes.length === 0) return null;
  const reasons = await db.selectFrom('absence_reasons').select(['label', 'code']).orderBy('position').execute();
  return {
    codes: codes.map((c) => ({ code: c.code, meaning: c.meaning, status: MarkStatus.parse(c.status), isDefault: Number(c.is_default) === 1 })),
    reasons: reasons.map((r) => ({ label: r.label, code: r.code })),
    updatedBy: codes[0]!.updated_by_name,
  };
}

/** Replaces the whole set: a school switches from one authority's codes to another's at once. */
export async function replaceCodeSet(db: Executor, set: CodeSetBody, byName: string, at: number): Promise<void> {
  await db.deleteFrom('absence_reasons').execute();
  await db.deleteFrom('attendance_codes').execute();
  await db
    .insertInto('attendance_codes')
    .values(
      set.codes.map((c, i) => ({
        id: randomUUID(),
        code: c.code,
        meaning: c.meaning,
        status: c.status,
        is_default: c.isDefault ? 1 : 0,
        position: i,
        updated_at: at,
        updated_by_name: byName,
      })),
    )
    .execute();
  if (set.reasons.length)
    await db
      .insertInto('absence_reasons')
      .values(set.reasons.map((r, i) => ({ id: randomUUID(), label: r.label, code: r.code, position: i })))
      .execute();
}
