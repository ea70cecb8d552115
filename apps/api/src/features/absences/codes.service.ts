// The school's attendance codes: read by staff (the register CSV and statistics print them), replaced
// whole by an admin. The contract already refuses duplicate codes, unknown statuses and reasons
// naming a missing code; this keeps the plain set in force until a school chooses.
import { PLAIN_CODES, type CodeSet, type CodeSetBody } from '@rollcall/contracts';
import type { Actor } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import type { AttendanceService } from '../attendance/attendance.service.ts';
import { readCodeSet, replaceCodeSet } from './codes.repository.ts';

export async function codeSetIn(db: Executor): Promise<CodeSet> {
  const stored = await readCodeSet(db);
  if (!stored) return { ...PLAIN_CODES, chosen: false, updatedBy: null };
  const { updatedBy, ...set } = stored;
  return { ...set, chosen: true, updatedBy };
}

export function codesService(ctx: ServiceContext, { attendance }: { attendance: AttendanceService }) {
  return {
    get: () => codeSetIn(ctx.db),

    async set(body: CodeSetBody, actor: Actor): Promise<CodeSet> {
      await writeTransaction(ctx, async (trx) => {
        const by = attendance.markedBy(actor);
        await replaceCodeSet(trx, body, by?.name ?? 'unknown', ctx.now());
      });
      return codeSetIn(ctx.db);
    },
  };
}
