// Rules for sessions: starting one ends any session of the same class still running, so a class
// has at most one active session and marks know where they belong.
import { randomUUID } from 'node:crypto';
import type { ClassSession } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, type Actor, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { assertDeviceReach } from '../../shared/device-reach.ts';
import { localDay, offsetMinutes, serverOffset } from '../../shared/time.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EventsService } from '../events/events.service.ts';
import type { TimetableService } from '../timetable/timetable.service.ts';
import * as repo from './sessions.repository.ts';

type SessionPatch = Parameters<typeof repo.updateSession>[2];

const notFound = (id: string) => new ApiError('session-not-found', `No session with id ${id}.`);

/** Epoch ms and the school day of an instant given by a client (or now, in the server's zone). */
function instant(iso: string | undefined, now: number) {
  if (iso === undefined) return { ms: now, day: localDay(now, serverOffset(now)) };
  const ms = Date.parse(iso);
  return { ms, day: localDay(ms, offsetMinutes(iso)) };
}

export function sessionsService(
  ctx: ServiceContext,
  { classes, events, timetable }: { classes: ClassesService; events: EventsService; timetable: TimetableService },
) {
  const mustFind = async (id: string, scope: Scope) => {
    const row = await repo.findSession(ctx.db, id);
    if (!row) throw notFound(id);
    assertClassInScope(scope, row.class_id, 'session');
    return row;
  };
  const classMustExist = async (id: string, scope: Scope) => {
    await classes.assertExist(ctx.db, [id]);
    assertClassInScope(scope, id);
  };

  return {
    async get(id: string, scope: Scope, actor: Actor | null = null): Promise<ClassSession> {
      const row = await mustFind(id, scope);
      if (actor?.kind === 'device') assertDeviceReach(row.day, ctx.now());
      return repo.toSession(row, ctx.now());
    },

    async list(classId: string, from: string | undefined, to: string | undefined, scope: Scope, actor: Actor | null = null) {
      await classMustExist(classId, scope);
      if (actor?.kind === 'device') assertDeviceReach(from === undefined ? undefined : instant(from, ctx.now()).day, ctx.now());
      const rows = await repo.listSessions(ctx.db, classId, from ? Date.parse(from) : undefined, to ? Date.parse(to) : undefined);
      const now = ctx.now();
      return { items: rows.map((r) => repo.toSession(r, now)) };
    },

    async current(classId: string, scope: Scope) {
      await classMustExist(classId, scope);
      const now = ctx.now();
      const row = await repo.currentSession(ctx.db, classId, now);
      return { session: row ? repo.toSession(row, now) : null };
    },

    async create(
      classId: string,
      body: { startsAt?: string | undefined; endsAt?: string | null | undefined; lateAfterMinutes: number; periodId?: string | undefined },
      scope: Scope,
    ) {
      await classMustExist(classId, scope);
      const now = ctx.now();
      const start = instant(body.startsAt, now);
      const endsAt = body.endsAt ? Date.parse(body.endsAt) : null;
      if (endsAt !== null && endsAt <= start.ms) throw new ApiError('validation-failed', 'endsAt must be after startsAt.');
      const periodId = body.periodId ?? null;
      if (periodId !== null) {
        const period = await timetable.findPeriod(ctx.db, periodId);
        if (!period) throw new ApiError('period-not-found', `No period with id ${periodId}.`);
        if (period.class_id !== classId) throw new ApiError('period-not-in-class', `${period.label} belongs to another class.`);
      }
      let id: string = randomUUID();
      await writeTransaction(ctx, async (trx) => {
        if (!(await classes.lockClass(trx, classId))) throw new ApiError('class-not-found', `No class with id ${classId}.`);
        // Two laptops, or one reloaded, start the same period: the second gets the first's session.
        const already = periodId === null ? undefined : await repo.findPeriodSession(trx, periodId, start.day);
        if (already) {
          id = already.id;
          return;
        }
        if (start.ms <= now) await repo.endRunningSessions(trx, classId, start.ms);
        await repo.insertSession(trx, {
          id,
          class_id: classId,
          starts_at: start.ms,
          ends_at: endsAt,
          late_after_minutes: body.lateAfterMinutes,
          day: start.day,
          created_at: now,
          period_id: periodId,
        });
        // Other laptops showing this class pick the new session up at once.
        await events.append(trx, [{ type: 'session.changed', classId, sessionId: id }], now);
      });
      return repo.toSession((await repo.findSession(ctx.db, id))!, ctx.now());
    },

    async update(id: string, body: { startsAt?: string | undefined; endsAt?: string | null | undefined; lateAfterMinutes?: number | undefined }, scope: Scope) {
      const row = await mustFind(id, scope);
      const patch: Parameters<typeof repo.updateSession>[2] = {};
      if (body.startsAt !== undefined) {
        const start = instant(body.startsAt, ctx.now());
        patch.starts_at = start.ms;
        patch.day = start.day;
      }
      if (body.endsAt !== undefined) patch.ends_at = body.endsAt === null ? null : Date.parse(body.endsAt);
      if (body.lateAfterMinutes !== undefined) patch.late_after_minutes = body.lateAfterMinutes;
      const starts = patch.starts_at ?? Number(row.starts_at);
      const ends = patch.ends_at === undefined ? row.ends_at : patch.ends_at;
      if (ends !== null && Number(ends) <= starts) throw new ApiError('validation-failed', 'endsAt must be after startsAt.');
      await repo.updateSession(ctx.db, id, patch);
      await events.append(ctx.db, [{ type: 'session.changed', classId: row.class_id, sessionId: id }], ctx.now());
      return repo.toSession(await mustFind(id, scope), ctx.now());
    },

    async delete(id: string, scope: Scope) {
      const row = await mustFind(id, scope);
      if (!(await repo.deleteSession(ctx.db, id))) throw notFound(id);
      await events.append(ctx.db, [{ type: 'session.changed', classId: row.class_id, sessionId: id }], ctx.now());
      return { ok: true as const };
    },

    // For other features, in the executor they pass (rows as stored, for their own rules).
    findSession: (db: Executor, id: string) => repo.findSession(db, id),
    findSessions: (db: Executor, ids: string[]) => repo.findSessions(db, ids),
    /** The sessions a transaction writes marks into, locked against edits until it ends. */
    shareSessions: (trx: Executor, ids: string[]) => repo.shareSessions(trx, ctx.dialect, ids),
    sessionsInDays: (db: Executor, classIds: readonly string[] | null, from: string, to: string) => repo.sessionsInDays(db, classIds, from, to),
    updateSession: (trx: Executor, id: string, patch: SessionPatch) => repo.updateSession(trx, id, patch),
    toSession: repo.toSession,
  };
}
export type SessionsService = ReturnType<typeof sessionsService>;
export type { SessionRow } from './sessions.repository.ts';
