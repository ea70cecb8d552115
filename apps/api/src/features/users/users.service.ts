// Accounts (admins and teachers) and which classes each teacher teaches.
import { randomUUID } from 'node:crypto';
import type { User } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import type { LoginsService } from '../auth/logins.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { TokensService } from '../devices/devices.service.ts';
import type { ChangesService } from '../sync/changes.service.ts';
import * as repo from './users.repository.ts';
import type { UsersTable } from '../../db/schema.ts';

type UserRow = UsersTable;
import { idsOf } from '../../shared/ids.ts';

export function usersService(
  ctx: ServiceContext,
  { changes, classes, logins, tokens }: { changes: ChangesService; classes: ClassesService; logins: LoginsService; tokens: TokensService },
) {
  const get = async (id: string): Promise<User> => {
    const row = await repo.findUserBy(ctx.db, 'id', id);
    if (!row) throw new ApiError('user-not-found', `No account with id ${id}.`);
    return repo.toUser(row, (await repo.classIdsOfUsers(ctx.db, [id])).get(id) ?? []);
  };
  /** Returns the classes given or taken away. */
  const setClasses = async (trx: Executor, userId: string, classIds: string[]): Promise<string[]> => {
    const unique = [...new Set(classIds)];
    await classes.assertExist(trx, unique);
    const before = (await repo.classIdsOfUsers(trx, [userId])).get(userId) ?? [];
    await repo.replaceTeaching(
      trx,
      { userId },
      unique.map((classId) => ({ classId, userId })),
    );
    return symmetricDifference(before, unique);
  };
  /**
   * Accounts whose classes changed: their browsers and classroom devices hold the wrong classes
   * and are sent a whole set on their next pull (which the roster.changed event asks for now).
   */
  const scopesChanged = async (trx: Executor, userIds: string[], classIds: string[], at: number) => {
    if (userIds.length === 0) return;
    const revision = await changes.publish(trx, changes.scopesChanged(userIds), { classIds }, at);
    await repo.setScopeRevision(trx, userIds, revision);
  };

  return {
    get,
    async list() {
      const rows = await repo.listUserRows(ctx.db);
      const classes = await repo.classIdsOfUsers(ctx.db, idsOf(rows));
      return { items: rows.map((r) => repo.toUser(r, classes.get(r.id) ?? [])) };
    },

    async create(body: { email: string; name: string; role: 'admin' | 'teacher'; password: string; classIds?: string[] | undefined }) {
      const id = randomUUID();
      const passwordHash = await hashPassword(body.password);
      try {
        await writeTransaction(ctx, async (trx) => {
          await repo.insertUser(trx, { id, email: body.email, name: body.name, role: body.role, passwordHash, at: ctx.now() });
          await setClasses(trx, id, body.classIds ?? []);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ApiError('duplicate-email', `An account with email ${body.email} already exists.`);
        throw err;
      }
      return get(id);
    },

    async update(
      actorId: string,
      id: string,
      body: {
        name?: string | undefined;
        role?: 'admin' | 'teacher' | undefined;
        password?: string | undefined;
        disabled?: boolean | undefined;
        classIds?: string[] | undefined;
      },
    ) {
      const passwordHash = body.password ? await hashPassword(body.password) : undefined;
      await writeTransaction(ctx, async (trx) => {
        const row = await repo.findUserBy(trx, 'id', id);
        if (!row) throw new ApiError('user-not-found', `No account with id ${id}.`);
        const losesAdmin = row.role === 'admin' && (body.role === 'teacher' || body.disabled === true);
        if (losesAdmin && (await repo.countAdmins(trx)) <= 1) throw new ApiError('forbidden', 'This is the last admin: make another admin first.');
        if (id === actorId && losesAdmin) throw new ApiError('forbidden', 'You cannot remove your own admin rights.');
        const now = ctx.now();
        await repo.updateUser(
          trx,
          id,
          {
            ...(body.name !== undefined && { name: body.name }),
            ...(body.role !== undefined && { role: body.role }),
            ...(passwordHash !== undefined && { password_hash: passwordHash }),
            ...(body.disabled !== undefined && { disabled_at: body.disabled ? now : null }),
          },
          now,
        );
        const movedClasses = body.classIds ? await setClasses(trx, id, body.classIds) : [];
        // A new role changes the scope too: an admin's is every class.
        if (movedClasses.length || (body.role !== undefined && body.role !== row.role)) await scopesChanged(trx, [id], movedClasses, now);
        // A new password or a disabled account ends every browser session and personal token at
        // once; a disabled teacher's classroom devices go too, while a new password leaves them paired.
        if (passwordHash !== undefined || body.disabled) {
          await logins.endAllOf(trx, id);
          await tokens.revokeAllOf(trx, id, now, { devices: body.disabled === true });
        }
      });
      return get(id);
    },

    async delete(actorId: string, id: string) {
      await writeTransaction(ctx, async (trx) => {
        const row = await repo.findUserBy(trx, 'id', id);
        if (!row) throw new ApiError('user-not-found', `No account with id ${id}.`);
        if (id === actorId) throw new ApiError('forbidden', 'You cannot delete your own account.');
        if (row.role === 'admin' && (await repo.countAdmins(trx)) <= 1) throw new ApiError('forbidden', 'This is the last admin.');
        await repo.deleteUser(trx, id);
      });
      return { ok: true as const };
    },

    async teachersOf(classId: string) {
      await classes.assertExist(ctx.db, [classId]);
      return { classId, userIds: await repo.teacherIdsOf(ctx.db, classId) };
    },

    async setTeachers(classId: string, userIds: string[]) {
      const unique = [...new Set(userIds)];
      await writeTransaction(ctx, async (trx) => {
        await classes.assertExist(trx, [classId]);
        const missing = await repo.missingUserIds(trx, unique);
        if (missing.length) throw new ApiError('user-not-found', `Unknown account id: ${missing.join(', ')}.`, { missing });
        const before = await repo.teacherIdsOf(trx, classId);
        await repo.replaceTeaching(
          trx,
          { classId },
          unique.map((userId) => ({ classId, userId })),
        );
        await scopesChanged(trx, symmetricDifference(before, unique), [classId], ctx.now());
      });
      return this.teachersOf(classId);
    },

    // For other features, in the executor they pass.
    /** Accounts whose classes changed some other way (a cover for today): their devices start again from a whole set. */
    scopesChanged,
    isActive: (db: Executor, id: string) => repo.isActiveUser(db, id),
    /** The account's name now, to store beside a change it makes (undefined: no such account). */
    nameOf: (db: Executor, id: string) => repo.userNameOf(db, id),
    activeTeacherNames: (db: Executor, classIds: readonly string[]) => repo.activeTeacherNames(db, classIds),
    /** An account's row (password hash included), for signing in. */
    findRow: (db: Executor, column: 'id' | 'email', value: string) => repo.findUserBy(db, column, value),
    /** The account as the API shows it, with the classes it teaches. */
    async toUser(db: Executor, row: UserRow): Promise<User> {
      return repo.toUser(row, (await repo.classIdsOfUsers(db, [row.id])).get(row.id) ?? []);
    },
    /** The classes each of these accounts teaches. */
    classIdsOfUsers: (db: Executor, ids: string[]) => repo.classIdsOfUsers(db, ids),
    countAdmins: (db: Executor) => repo.countAdmins(db),
    insertUser: (trx: Executor, u: Parameters<typeof repo.insertUser>[1]) => repo.insertUser(trx, u),
  };
}
export type UsersService = ReturnType<typeof usersService>;

/** What is in one list and not the other. */
function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  const inA = new Set(a);
  const inB = new Set(b);
  return [...new Set([...a.filter((x) => !inB.has(x)), ...b.filter((x) => !inA.has(x))])];
}
