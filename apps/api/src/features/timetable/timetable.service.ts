// Rules of the timetable: a class's periods never overlap on a weekday, terms run forwards, and a
// cover names a real teacher for one day. Everyone reads the periods of the classes they may see.
import { randomUUID } from 'node:crypto';
import type { CreatePeriodBody, Period } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import type { Actor, Scope } from '../../shared/actor.ts';
import { assertClassInScope, scopedClassIds } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { localDay, serverOffset } from '../../shared/time.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { coverDays } from './cover-days.ts';
import * as repo from './timetable.repository.ts';

type PeriodInput = Required<Omit<CreatePeriodBody, 'lateAfterMinutes'>> & { lateAfterMinutes: number };

export function timetableService(ctx: ServiceContext, { classes, users }: { classes: ClassesService; users: UsersService }) {
  const today = () => localDay(ctx.now(), serverOffset(ctx.now()));
  /** A cover for today gives or takes a class from its teacher now: their browsers and laptops start again. */
  const coverChanged = async (trx: Executor, cover: { classId: string; userId: string; day: string }) => {
    if (cover.day === today()) await users.scopesChanged(trx, [cover.userId], [cover.classId], ctx.now());
  };
  const rollCoversToToday = coverDays(ctx, users, today);

  return {
    async get(classId: string | undefined, scope: Scope, actor: Actor) {
      if (classId !== undefined) {
        await classes.assertExist(ctx.db, [classId]);
        assertClassInScope(scope, classId);
      }
      const classIds = classId !== undefined ? [classId] : scopedClassIds(scope);
      const [periods, terms, covers] = await Promise.all([
        repo.listPeriods(ctx.db, classIds),
        repo.listTerms(ctx.db),
        repo.listCovers(ctx.db, today(), classIds, classId === undefined && actor.kind === 'user' ? actor.id : null),
      ]);
      return { periods, terms, covers };
    },

    async addPeriod(classId: string, body: PeriodInput): Promise<Period> {
      const id = randomUUID();
      await writeTransaction(ctx, async (trx) => {
        // Locked so that two admins adding periods at once cannot both miss the other's.
        if (!(await classes.lockClass(trx, classId))) throw new ApiError('class-not-found', `No class with id ${classId}.`);
        const clash = await repo.overlappingPeriod(trx, classId, body.weekday, body.startsAt, body.endsAt);
        if (clash) {
          throw new ApiError('period-overlap', `This class already has ${clash.label} from ${clash.starts_at} to ${clash.ends_at} on that day.`, {
            periodId: clash.id,
            label: clash.label,
            startsAt: clash.starts_at,
            endsAt: clash.ends_at,
          });
        }
        await repo.insertPeriod(trx, {
          id,
          class_id: classId,
          label: body.label,
          weekday: body.weekday,
          starts_at: body.startsAt,
          ends_at: body.endsAt,
          late_after_minutes: body.lateAfterMinutes,
          created_at: ctx.now(),
        });
      });
      return repo.toPeriod((await repo.findPeriod(ctx.db, id))!);
    },

    async deletePeriod(id: string) {
      if (!(await repo.deletePeriod(ctx.db, id))) throw new ApiError('period-not-found', `No period with id ${id}.`);
      return { ok: true as const };
    },

    addTerm: (body: { name: string; firstDay: string; lastDay: string }) =>
      repo.insertTerm(ctx.db, { id: randomUUID(), name: body.name, first_day: body.firstDay, last_day: body.lastDay, created_at: ctx.now() }),

    async deleteTerm(id: string) {
      if (!(await repo.deleteTerm(ctx.db, id))) throw new ApiError('term-not-found', `No term with id ${id}.`);
      return { ok: true as const };
    },

    /** The same teacher, class and day twice is one cover: the second answer is the first. */
    async addCover(classId: string, body: { userId: string; day: string }) {
      await classes.assertExist(ctx.db, [classId]);
      if (!(await users.isActive(ctx.db, body.userId))) throw new ApiError('user-not-found', `No active account with id ${body.userId}.`);
      const existing = await repo.findCover(ctx.db, classId, body.userId, body.day);
      if (existing) return existing;
      await writeTransaction(ctx, async (trx) => {
        await repo.insertCover(trx, { id: randomUUID(), class_id: classId, user_id: body.userId, day: body.day, created_at: ctx.now() });
        await coverChanged(trx, { classId, userId: body.userId, day: body.day });
      });
      return (await repo.findCover(ctx.db, classId, body.userId, body.day))!;
    },

    async deleteCover(id: string) {
      await writeTransaction(ctx, async (trx) => {
        const cover = await repo.coverById(trx, id);
        if (!cover || !(await repo.deleteCover(trx, id))) throw new ApiError('cover-not-found', `No cover with id ${id}.`);
        await coverChanged(trx, cover);
      });
      return { ok: true as const };
    },

    /**
     * Logs the scope changes of covers beginning and ending since the day last rolled, once per
     * district and day; awaited before a request reads its caller's scope (cover-days.ts).
     */
    rollCoversToToday,

    // For other features, in the executor they pass.
    findPeriod: (db: Executor, id: string) => repo.findPeriod(db, id),
    periodLabels: (db: Executor, ids: readonly string[]) => repo.periodLabels(db, ids),
    activeCoverNames: (db: Executor, classIds: readonly string[], day: string) => repo.activeCoverNames(db, classIds, day),
    coveredClassIds: (db: Executor, userId: string, day: string) => repo.coveredClassIds(db, userId, day),
    termFirstDay: (db: Executor, day: string) => repo.termFirstDay(db, day),
  };
}
export type TimetableService = ReturnType<typeof timetableService>;
