// SQL for browser sessions and the addresses an account signed in from before.
import type { Executor } from '../../shared/context.ts';

export async function sessionUser(db: Executor, idHash: string, now: number) {
  return db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Whether this (account, address) pair signed in successfully since `since`. */
export async function isKnownPair(db: Executor, key: string, since: number): Promise<boolean> {
  const row = await db.selectFrom('sign_in_known').select('last_at').where('key', '=', key).executeTakeFirst();
  return row !== undefined && Number(row.last_at) >= since;
}

export async function rememberPair(db: Executor, key: string, at: number) {
  const done = await db.updateTable('sign_in_known').set({ last_at: at }).where('key', '=', key).executeTakeFirst();
  if (Number(done.numUpdatedRows) > 0) return;
  try {
    await db.insertInto('sign_in_known').values({ key, last_at: at }).execute();
  } catch {
    /* a parallel sign-in remembered it first */
  }
}

export async function insertSession(db: Executor, idHash: string, userId: string, at: number, expiresAt: number) {
  await db.insertInto('auth_sessions').values({ id_hash: idHash, user_id: userId, created_at: at, expires_at: expiresAt }).execute();
}

export async function deleteExpiredSessions(db: Executor, now: number) {
  await db.deleteFrom('auth_sessions').where('expires_at', '<', now).execute();
}

export async function deleteSession(db: Executor, idHash: string) {
  await db.deleteFrom('auth_sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every browser session of the account. */
export async function deleteSessionsOf(db: Executor, userId: string) {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}
