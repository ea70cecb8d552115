// Browser sign-ins as other features end them: an account disabled or given a new password is
// signed out everywhere, in the transaction that changes it. Kept apart from the auth service,
// which reads accounts and so sits above the users feature.
import type { Executor } from '../../shared/context.ts';
import * as repo from './auth.repository.ts';

export function loginsService() {
  return {
    /** Ends every browser session of the account. */
    endAllOf: (trx: Executor, userId: string) => repo.deleteSessionsOf(trx, userId),
  };
}
export type LoginsService = ReturnType<typeof loginsService>;
