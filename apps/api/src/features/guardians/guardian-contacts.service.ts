// Guardians as the notices and the subject export read them. Kept apart from the guardians
// service, which shows a student's notices and so sits above the notices feature.
import type { Executor } from '../../shared/context.ts';
import * as repo from './guardians.repository.ts';

export function guardianContactsService() {
  return {
    /** The student's guardians, in their order. */
    list: (db: Executor, studentId: string) => repo.listGuardians(db, studentId),
    /** The guardians of these students who may be contacted, with their addresses. */
    contactable: (db: Executor, studentIds: readonly string[]) => repo.contactableGuardians(db, studentIds),
    /** A guardian's name and whether they may be contacted, read when a notice is sent. */
    contact: (db: Executor, id: string) => repo.guardianContact(db, id),
  };
}
export type GuardianContactsService = ReturnType<typeof guardianContactsService>;
