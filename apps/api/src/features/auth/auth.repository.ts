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

/**
 * The live API token with this hash and the account it acts for (a personal token's owner, a
 * device's teacher; none for a device an admin registered), in one statement: what finding the
 * caller behind a bearer token or a device cookie reads on every request.
 */
export async function tokenCaller(db: Executor, tokenHash: string) {
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .selectAll('t')
    .select(['u.id as account_id', 'u.name as account_name', 'u.role as account_role', 'u.disabled_at as account_disabled_at'])
    .select(['u.language as account_language', 'u.scope_revision as account_scope_revision'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { account_id, account_name, account_role, account_disabled_at, account_language, account_scope_revision, ...token } = row;
  // The outer join types the account's columns nullable; they are not null when the account is there.
  const account =
    account_id === null
      ? null
      : {
          id: account_id,
          name: account_name ?? '',
          role: account_role ?? '',
          disabled_at: account_disabled_at,
          language: account_language,
          scope_revision: account_scope_revision ?? 0,
        };
  return { token, account };
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
