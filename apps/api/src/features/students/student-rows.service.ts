// The student rows themselves, as features below the students service need them: which ids exist,
// a lock on them for the caller's transaction, and their consent status. Kept apart from the
// students service because that one reads embeddings, rosters and marks, whose features need these.
import type { ConsentStatus } from '@rollcall/contracts';
import type { Executor, ServiceContext } from '../../shared/context.ts';
import * as repo from './students.repository.ts';

export function studentRowsService(ctx: ServiceContext) {
  return {
    /** Locks these students' rows until the transaction ends; returns the ids that exist. */
    lock: (trx: Executor, ids: string[]) => repo.lockStudents(trx, ctx.dialect, ids),
    /** The ids among these that name no student. */
    missing: (db: Executor, ids: readonly string[]) => repo.missingStudentIds(db, ids),
    consentStatusesOf: (db: Executor, ids: string[]) => repo.consentStatusesOf(db, ids),
    setConsentStatus: (trx: Executor, id: string, status: ConsentStatus, at: number) => repo.setConsentStatus(trx, id, status, at),
    /** Students whose consent was never asked: those a change of the consent policy moves. */
    notAsked: (db: Executor) => repo.notAskedIds(db),
    countByConsent: (db: Executor) => repo.countByConsent(db),
  };
}
export type StudentRowsService = ReturnType<typeof studentRowsService>;
