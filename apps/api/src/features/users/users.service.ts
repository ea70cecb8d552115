// Accounts (admins and teachers) and which classes each teacher teaches.
import { randomUUID } from 'node:crypto';
import type { User } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { classIdsOfUsers, countAdmins, findUserBy, toUser } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/passwords.ts';

async function assertClassesExist(db: Executor, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await db.selectFrom('classes').select('id').where('id', 'in', ids).execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new ApiError('class-not-found', `Unknown class id${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`, { missing });
}

export function usersService(ctx: ServiceContext) {
  const get = async (id: string): Promise<User> => {
    const row = await findUserBy(ctx.db, 'id', id);
    if (!row) throw new ApiError('user-not-found', `No account with id ${id}.`);
    return toUser(row, (await classIdsOfUsers(ctx.db, [id])).get(id) ?? []);
  };
  const setClasses = async (trx: Executor, userId: string, classIds: string[]) => {
    const unique = [...new Set(classIds)];
    await assertClassesExist(trx, unique);
    await trx.deleteFrom('class_teachers').where('user_id', '=', userId).execute();
    if (unique.length) await trx.insertInto('class_teachers').values(unique.map((class_id) => ({ class_id, user_id: userId }))).execute();
  };

  return {
    get,
    async list() {
      const rows = await ctx.db.selectFrom('users').selectAll().orderBy('email').execute();
      const classes = await classIdsOfUsers(ctx.db, rows.map((r) => r.id));
      return { items: rows.map((r) => toUser(r, classes.get(r.id) ?? [])) };
    },

    async create(body: { email: string; name: string; role: 'admin' | 'teacher'; password: string; classIds?: string[] | undefined }) {
      const id = randomUUID();
      const passwordHash = await hashPassword(body.password);
      try {
        await writeTransaction(ctx, async (trx) => {
          const now = ctx.now();
          await trx.insertInto('users').values({ id, email: body.email, name: body.name, role: body.role, password_hash: passwordHash, disabled_at: null, created_at: now, updated_at: now }).execute();
          await setClasses(trx, id, body.classIds ?? []);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ApiError('duplicate-email', `An account with email ${body.email} already exists.`);
        throw err;
      }
      return get(id);
    },

    async update(actorId: string, id: string, body: { name?: string | undefined; role?: 'admin' | 'teacher' | undefined; password?: string | undefined; disabled?: boolean | undefined; classIds?: string[] | undefined }) {
      const passwordHash = body.password ? await hashPassword(body.password) : undefined;
      await writeTransaction(ctx, async (trx) => {
        const row = await findUserBy(trx, 'id', id);
        if (!row) throw new ApiError('user-not-found', `No account with id ${id}.`);
        const losesAdmin = row.role === 'admin' && (body.role === 'teacher' || body.disabled === true);
        if (losesAdmin && (await countAdmins(trx)) <= 1) throw new ApiError('forbidden', 'This is the last admin: make another admin first.');
        if (id === actorId && losesAdmin) throw new ApiError('forbidden', 'You cannot remove your own admin rights.');
        const now = ctx.now();
        await trx
          .updateTable('users')
          .set({
            updated_at: now,
            ...(body.name !== undefined && { name: body.name }),
            ...(body.role !== undefined && { role: body.role }),
            ...(passwordHash !== undefined && { password_hash: passwordHash }),
            ...(body.disabled !== undefined && { disabled_at: body.disabled ? now : null }),
          })
          .where('id', '=', id)
          .execute();
        if (body.classIds) await setClasses(trx, id, body.classIds);
        // A new password or a disabled account ends every browser session and personal token at once.
        if (passwordHash !== undefined || body.disabled) {
          await trx.deleteFrom('auth_sessions').where('user_id', '=', id).execute();
          await trx.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
        }
      });
      return get(id);
    },

    async delete(actorId: string, id: string) {
      await writeTransaction(ctx, async (trx) => {
        const row = await findUserBy(trx, 'id', id);
        if (!row) throw new ApiError('user-not-found', `No account with id ${id}.`);
        if (id === actorId) throw new ApiError('forbidden', 'You cannot delete your own account.');
        if (row.role === 'admin' && (await countAdmins(trx)) <= 1) throw new ApiError('forbidden', 'This is the last admin.');
        await trx.deleteFrom('users').where('id', '=', id).execute();
      });
      return { ok: true as const };
    },

    async teachersOf(classId: string) {
      const c = await ctx.db.selectFrom('classes').select('id').where('id', '=', classId).executeTakeFirst();
      if (!c) throw new ApiError('class-not-found', `No class with id ${classId}.`);
      const rows = await ctx.db.selectFrom('class_teachers').select('user_id').where('class_id', '=', classId).orderBy('user_id').execute();
      return { classId, userIds: rows.map((r) => r.user_id) };
    },

    async setTeachers(classId: string, userIds: string[]) {
      const unique = [...new Set(userIds)];
      await writeTransaction(ctx, async (trx) => {
        const c = await trx.selectFrom('classes').select('id').where('id', '=', classId).executeTakeFirst();
        if (!c) throw new ApiError('class-not-found', `No class with id ${classId}.`);
        if (unique.length) {
          const found = await trx.selectFrom('users').select('id').where('id', 'in', unique).execute();
          const missing = unique.filter((u) => !found.some((f) => f.id === u));
          if (missing.length) throw new ApiError('user-not-found', `Unknown account id: ${missing.join(', ')}.`, { missing });
        }
        await trx.deleteFrom('class_teachers').where('class_id', '=', classId).execute();
        if (unique.length) await trx.insertInto('class_teachers').values(unique.map((user_id) => ({ class_id: classId, user_id }))).execute();
      });
      return this.teachersOf(classId);
    },
  };
}
