// Rules for the register: a session's roster x status, the registers of classes over days, and
// ending a session, which gives every roster student without a mark an explicit absent status.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Register } from '@rollcall/contracts';
import type { DB } from '../../db/schema.ts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, inScope, type Actor, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import { assertDeviceReach } from '../../shared/device-reach.ts';
import { offsetMinutes } from '../../shared/time.ts';
import type { AttendanceService, MarkRow } from '../attendance/attendance.service.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EventsService } from '../events/events.service.ts';
import type { SessionRow, SessionsService } from '../sessions/sessions.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import { buildRegister, marksBySession } from './build-register.ts';
import { idsOf } from '../../shared/ids.ts';

/** What an automatic absent mark names as its device: no laptop saw anything. */
export const SESSION_END_DEVICE = 'register';

/**
 * Session ids one read of marks names: SQLite takes at most 32,766 values in a statement, and a
 * term of a hundred classes' registers has more sessions than that.
 */
const SESSIONS_PER_READ = 10_000;

/** Work that must commit with a session's end (queueing absence notices), given the transaction. */
export type OnSessionEnded = (trx: Transaction<DB>, sessionId: string) => Promise<unknown>;

export interface RegisterDeps {
  attendance: AttendanceService;
  classes: ClassesService;
  events: EventsService;
  sessions: SessionsService;
  studentRows: StudentRowsService;
}

export function registerService(ctx: ServiceContext, { attendance, classes, events, sessions, studentRows }: RegisterDeps, onEnded?: OnSessionEnded) {
  const { findSession, sessionsInDays, toSession } = sessions;
  /** Every session's marks in one read, or a few past SESSIONS_PER_READ. */
  async function marksOf(rows: SessionRow[]) {
    const ids = idsOf(rows);
    const reads = [];
    for (let i = 0; i < ids.length; i += SESSIONS_PER_READ) reads.push(attendance.marksInSessions(ctx.db, ids.slice(i, i + SESSIONS_PER_READ)));
    return (await Promise.all(reads)).flat();
  }
  async function registersOf(rows: SessionRow[]): Promise<Register[]> {
    const classIds = [...new Set(rows.map((s) => s.class_id))];
    const [rosters, names, marks] = await Promise.all([classes.rosterStudentsOf(ctx.db, classIds), classes.classNames(ctx.db, classIds), marksOf(rows)]);
    const now = ctx.now();
    const bySession = marksBySession(marks);
    return rows.map((s) => buildRegister(toSession(s, now), names.get(s.class_id) ?? '', rosters.get(s.class_id) ?? [], bySession.get(s.id) ?? []));
  }

  return {
    async register(sessionId: string, scope: Scope, actor: Actor | null = null): Promise<Register> {
      const row = await findSession(ctx.db, sessionId);
      if (!row) throw new ApiError('session-not-found', `No session with id ${sessionId}.`);
      assertClassInScope(scope, row.class_id, 'session');
      if (actor?.kind === 'device') assertDeviceReach(row.day, ctx.now());
      return (await registersOf([row]))[0]!;
    },

    /** The registers of these classes' sessions in a day range, in one read whatever the number of classes. */
    async registers(classIds: readonly string[], from: string, to: string, scope: Scope) {
      // Scope first: a teacher learns nothing, not even whether a class exists, of classes not theirs.
      const refused = classIds.filter((id) => !inScope(scope, id));
      if (refused.length > 0) {
        const message =
          refused.length === 1
            ? `You have no access to class ${refused[0]}: it is not yours.`
            : `You have no access to ${refused.length} of these classes: they are not yours (${refused.slice(0, 10).join(', ')}${refused.length > 10 ? ', …' : ''}).`;
        throw new ApiError('forbidden', message, { classIds: refused });
      }
      await classes.assertExist(ctx.db, classIds);
      return { items: await registersOf(await sessionsInDays(ctx.db, classIds, from, to)) };
    },

    async end(sessionId: string, endsAtIso: string | undefined, scope: Scope, actor: Actor | null) {
      const first = await findSession(ctx.db, sessionId);
      if (!first) throw new ApiError('session-not-found', `No session with id ${sessionId}.`);
      assertClassInScope(scope, first.class_id, 'session');
      const markedAbsent = await writeTransaction(ctx, async (trx) => {
        await classes.lockClass(trx, first.class_id);
        const row = (await findSession(trx, sessionId))!;
        const now = ctx.now();
        const starts = Number(row.starts_at);
        if (starts > now) throw new ApiError('validation-failed', 'This session has not started yet: delete it instead of ending it.');
        const endedBefore = row.ends_at !== null && Number(row.ends_at) <= now ? Number(row.ends_at) : null;
        const endsAt = endsAtIso !== undefined ? Date.parse(endsAtIso) : (endedBefore ?? now);
        if (endsAt <= starts) throw new ApiError('validation-failed', 'A session cannot end before it starts.');
        if (endsAt !== endedBefore) await sessions.updateSession(trx, sessionId, { ends_at: endsAt });
        // Locking the roster's students makes a batch of marks posted at this moment wait, or be seen.
        const roster = (await classes.rosterStudentsOf(trx, [row.class_id])).get(row.class_id) ?? [];
        await studentRows.lock(
          trx,
          roster.map((r) => r.studentId),
        );
        const marked = await attendance.studentsMarkedIn(trx, sessionId);
        const by = attendance.markedBy(actor);
        const offset = endsAtIso !== undefined ? offsetMinutes(endsAtIso) : 0;
        const rows: MarkRow[] = roster
          .filter((r) => !marked.has(r.studentId))
          .map((r) => ({
            id: randomUUID(),
            student_id: r.studentId,
            session_id: sessionId,
            class_id: row.class_id,
            device_id: SESSION_END_DEVICE,
            marked_at: endsAt,
            // The session's school day, whatever the zone of the instant it ended.
            marked_day: row.day,
            marked_offset: offset,
            received_at: now,
            similarity: null,
            method: 'session-end',
            status: 'absent',
            reason: null,
            marked_by: by?.id ?? null,
            marked_by_name: by?.name ?? null,
          }));
        // The session as it is now, ended: marks put into a session ended long ago change a summarised day.
        await attendance.insertMarks(trx, rows, [{ ...row, ends_at: endsAt }]);
        const stored = await attendance.findMarks(trx, idsOf(rows));
        await events.append(
          trx,
          [...stored.map((mark) => ({ type: 'mark.accepted' as const, mark })), { type: 'session.changed', classId: row.class_id, sessionId }],
          now,
        );
        await onEnded?.(trx, sessionId);
        return rows.length;
      });
      return { session: toSession((await findSession(ctx.db, sessionId))!, ctx.now()), markedAbsent };
    },
  };
}
export type RegisterService = ReturnType<typeof registerService>;
