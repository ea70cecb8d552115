// SQL for accounts (admins and teachers), which classes each teacher teaches, and ending an
// account's sessions and personal tokens. Reads used to sign in live in auth.repository.ts.
import type { User } from '@rollcall/contracts';
import type { Executor } from '../../shared/context.ts';
import { groupUnder } from '../../shared/group-under.ts';
import { toIso } from '../../shared/time.ts';
import { missingIds } from '../../shared/ids.ts';
import type { UsersTable } from '../../db/schema.ts';

export async function listUserRows(db: Executor): Promise<UsersTable[]> {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

/** The ids among these that name no account. */
export async function missingUserIds(db: Executor, ids: readonly string[]): Promise<string[]> {
  return missingIds(ids, (some) => db.selectFrom('users').select('id').where('id', 'in', some).execute());
}

export async function insertUser(db: Executor, u: { id: string; email: string; name: string; role: 'admin' | 'teacher'; passwordHash: string; at: number }) {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      password_hash: u.passwordHash,
      disabled_at: null,
      created_at: u.at,
      updated_at: u.at,
      scope_revision: 0,
    })
    .execute();
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: Partial<Pick<UsersTable, 'name' | 'role' | 'password_hash' | 'disabled_at' | 'language'>>,
  at: number,
) {
  await db
    .updateTable('users')
    .set({ ...patch, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteUser(db: Executor, id: string) {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

export async function teacherIdsOf(db: Executor, classId: string): Promise<string[]> {
  return (await db.selectFrom('class_teachers').select('user_id').where('class_id', '=', classId).orderBy('user_id').execute()).map((r) => r.user_id);
}

/** The names of each class's active teachers. */
export async function activeTeacherNames(db: Executor, classIds: readonly string[]) {
  if (classIds.length === 0) return [];
  return db
    .selectFrom('class_teachers as ct')
    .innerJoin('users as u', 'u.id', 'ct.user_id')
    .select(['ct.class_id', 'u.name'])
    .where('ct.class_id', 'in', classIds)
    .where('u.disabled_at', 'is', null)
    .execute();
}

/** Replaces the teaching pairs on one side: all of a teacher's classes, or all of a class's teachers. */
export async function replaceTeaching(db: Executor, side: { userId: string } | { classId: string }, pairs: { classId: string; userId: string }[]) {
  let del = db.deleteFrom('class_teachers');
  del = 'userId' in side ? del.where('user_id', '=', side.userId) : del.where('class_id', '=', side.classId);
  await del.execute();
  if (pairs.length)
    await db
      .insertInto('class_teachers')
      .values(pairs.map((p) => ({ class_id: p.classId, user_id: p.userId })))
      .execute();
}

/** Marks the revision at which these accounts' classes changed. */
export async function setScopeRevision(db: Executor, userIds: readonly string[], revision: number) {
  await db.updateTable('users').set({ scope_revision: revision }).where('id', 'in', userIds).execute();
}

export async function classIdsOfUsers(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const rows = userIds.length
    ? await db.selectFrom('class_teachers').select(['user_id', 'class_id']).where('user_id', 'in', userIds).orderBy('class_id').execute()
    : [];
  return groupUnder(userIds, rows, 'user_id', (r) => r.class_id);
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
    language: r.language,
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

export async function isActiveUser(db: Executor, id: string): Promise<boolean> {
  const r = await db.selectFrom('users').select('id').where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
  return r !== undefined;
}

/** An account's name now (undefined: no such account). */
export async function userNameOf(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name;
}
