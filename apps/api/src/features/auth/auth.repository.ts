// SQL for users, browser sessions, tokens and sign-in throttling.
import type { User } from '@rollcall/contracts';
import type { Executor } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';
import type { UsersTable } from '../../db/schema.ts';

export async function classIdsOfUsers(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db.selectFrom('class_teachers').select(['user_id', 'class_id']).where('user_id', 'in', userIds).orderBy('class_id').execute();
  for (const r of rows) out.get(r.user_id)?.push(r.class_id);
  return out;
}

export function toUser(r: UsersTable, classIds: string[]): User {
  return { id: r.id, email: r.email, name: r.name, role: r.role as User['role'], classIds, disabled: r.disabled_at !== null, createdAt: toIso(Number(r.created_at)) };
}

export async function findUserBy(db: Executor, column: 'id' | 'email', value: string) {
  return db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
}

export async function countAdmins(db: Executor): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('disabled_at', 'is', null).executeTakeFirstOrThrow();
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
  const out = new Map<string, string[]>(tokenIds.map((id) => [id, []]));
  if (tokenIds.length === 0) return out;
  const rows = await db.selectFrom('device_classes').select(['token_id', 'class_id']).where('token_id', 'in', tokenIds).orderBy('class_id').execute();
  for (const r of rows) out.get(r.token_id)?.push(r.class_id);
  return out;
}

/** Failures counted in a fixed window per key (an account or an address). */
export async function failuresFor(db: Executor, key: string, windowStart: number): Promise<number> {
  const row = await db.selectFrom('sign_in_failures').select(['failures', 'window_start']).where('key', '=', key).executeTakeFirst();
  return row && Number(row.window_start) >= windowStart ? Number(row.failures) : 0;
}

export async function recordFailure(db: Executor, key: string, now: number, windowStart: number) {
  const row = await db.selectFrom('sign_in_failures').select(['failures', 'window_start']).where('key', '=', key).executeTakeFirst();
  if (!row) {
    try {
      await db.insertInto('sign_in_failures').values({ key, window_start: now, failures: 1 }).execute();
      return;
    } catch {
      /* a parallel failure inserted it first: fall through to the update */
    }
  }
  if (row && Number(row.window_start) < windowStart) {
    await db.updateTable('sign_in_failures').set({ window_start: now, failures: 1 }).where('key', '=', key).execute();
  } else {
    await db.updateTable('sign_in_failures').set((eb) => ({ failures: eb('failures', '+', 1) })).where('key', '=', key).execute();
  }
}

export async function clearFailures(db: Executor, key: string) {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
