// SQL for users, browser sessions, tokens and the addresses an account signed in from before.
import type { User } from '@rollcall/contracts';
import type { Executor } from '../../shared/context.ts';
import { groupUnder } from '../../shared/group-under.ts';
import { toIso } from '../../shared/time.ts';
import type { UsersTable } from '../../db/schema.ts';

export async function classIdsOfUsers(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const rows = userIds.length
    ? await db.selectFrom('class_teachers').select(['user_id', 'class_id']).where('user_id', 'in', userIds).orderBy('class_id').execute()
    : [];
  return groupUnder(
    userIds,
    rows,
    (r) => r.user_id,
    (r) => r.class_id,
  );
}

/** Classes a user covers on a school day (a cover teacher takes a class for that day only). */
export async function coveredClassIds(db: Executor, userId: string, day: string): Promise<string[]> {
  const rows = await db.selectFrom('class_covers').select('class_id').where('user_id', '=', userId).where('day', '=', day).execute();
  return rows.map((r) => r.class_id);
}

export function toUser(r: UsersTable, classIds: string[]): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as User['role'],
    classIds,
    disabled: r.disabled_at !== null,
    createdAt: toIso(Number(r.created_at)),
  };
}

export async function findUserBy(db: Executor, column: 'id' | 'email', value: string) {
  return db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
}

export async function countAdmins(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

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

export async function tokenByHash(db: Executor, hash: string) {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function deviceClassIds(db: Executor, tokenIds: string[]): Promise<Map<string, string[]>> {
  const rows = tokenIds.length
    ? await db.selectFrom('device_classes').select(['token_id', 'class_id']).where('token_id', 'in', tokenIds).orderBy('class_id').execute()
    : [];
  return groupUnder(
    tokenIds,
    rows,
    (r) => r.token_id,
    (r) => r.class_id,
  );
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

export async function touchToken(db: Executor, id: string, at: number) {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Takes the sync_state row lock (MySQL), which serialises racing first-run setups. */
export async function lockSetup(db: Executor, dialect: 'mysql' | 'sqlite') {
  let lock = db.selectFrom('sync_state').select('id').where('id', '=', 1);
  if (dialect === 'mysql') lock = lock.forUpdate();
  await lock.execute();
}
