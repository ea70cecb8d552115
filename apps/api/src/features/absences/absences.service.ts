// Rules of the office's absence follow-up. An absence to explain is a roster student absent, or
// never seen, in a session of the day that has ended, with no reason yet; a running session's
// register is not final, so it is only counted. Explaining goes through the attendance service's
// own correction path, so the audit trail says who changed what exactly as a teacher's edit does.
import { randomUUID } from 'node:crypto';
import { explainedStatus, type Absence, type AbsenceList, type ExplainAbsenceBody, type Mark } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, scopedClassIds, type Actor, type Scope } from '../../shared/actor.ts';
import type { Executor, ServiceContext } from '../../shared/context.ts';
import { localDay, serverOffset, toIso } from '../../shared/time.ts';
import type { AttendanceService } from '../attendance/attendance.service.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { TimetableService } from '../timetable/timetable.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { codeSetIn } from './codes.service.ts';
import { idsOf } from '../../shared/ids.ts';

export interface AbsencesDeps {
  attendance: AttendanceService;
  classes: ClassesService;
  sessions: SessionsService;
  timetable: TimetableService;
  users: UsersService;
}

const unexplained = (reason: string | null) => reason === null || reason.trim() === '';

/** Each class's active teachers and that day's cover teachers, by name. */
async function teachersOf(db: Executor, classIds: string[], day: string, { timetable, users }: AbsencesDeps): Promise<Map<string, string[]>> {
  const [taught, covered] = await Promise.all([users.activeTeacherNames(db, classIds), timetable.activeCoverNames(db, classIds, day)]);
  const out = new Map<string, string[]>();
  for (const r of [...taught, ...covered]) {
    const names = out.get(r.class_id) ?? [];
    if (!names.includes(r.name)) names.push(r.name);
    out.set(r.class_id, names);
  }
  for (const names of out.values()) names.sort((a, b) => a.localeCompare(b));
  return out;
}

export function absencesService(ctx: ServiceContext, deps: AbsencesDeps) {
  const { attendance, classes, timetable } = deps;
  return {
    async list(day: string | undefined, scope: Scope): Promise<AbsenceList> {
      const now = ctx.now();
      const onDay = day ?? localDay(now, serverOffset(now));
      const sessions = await deps.sessions.sessionsInDays(ctx.db, scopedClassIds(scope), onDay, onDay);
      const ended = sessions.filter((s) => s.ends_at !== null && Number(s.ends_at) <= now);
      const running = sessions.filter((s) => Number(s.starts_at) <= now && !ended.includes(s)).length;
      const classIds = [...new Set(ended.map((s) => s.class_id))];
      const [rosters, marks, names, periods, teachers] = await Promise.all([
        classes.rosterStudentsOf(ctx.db, classIds),
        attendance.sessionMarks(ctx.db, idsOf(ended)),
        classes.classNames(ctx.db, classIds),
        timetable.periodLabels(ctx.db, [...new Set(ended.flatMap((s) => (s.period_id ? [s.period_id] : [])))]),
        teachersOf(ctx.db, classIds, onDay, deps),
      ]);
      const items: Absence[] = [];
      for (const s of ended) {
        const base = {
          sessionId: s.id,
          classId: s.class_id,
          className: names.get(s.class_id) ?? '',
          period: s.period_id ? (periods.get(s.period_id) ?? null) : null,
          teachers: teachers.get(s.class_id) ?? [],
          startsAt: toIso(Number(s.starts_at)),
          endsAt: toIso(Number(s.ends_at)),
        };
        const inSession = marks.filter((m) => m.session_id === s.id);
        const marked = new Set(inSession.map((m) => m.student_id));
        const rows = [
          ...inSession
            .filter((m) => m.status === 'absent' && unexplained(m.reason))
            .map((m) => ({ studentId: m.student_id, name: m.name ?? m.student_id, markId: m.id as string | null })),
          // Ended on its clock with nobody ending it: a student never seen has no mark yet.
          ...(rosters.get(s.class_id) ?? []).filter((r) => !marked.has(r.studentId)).map((r) => ({ studentId: r.studentId, name: r.name, markId: null })),
        ];
        rows.sort((a, b) => a.name.localeCompare(b.name) || a.studentId.localeCompare(b.studentId));
        items.push(...rows.map((r) => ({ ...base, ...r })));
      }
      return { day: onDay, items, runningSessions: running };
    },

    async explain(body: ExplainAbsenceBody, scope: Scope, actor: Actor): Promise<{ mark: Mark }> {
      const session = await deps.sessions.findSession(ctx.db, body.sessionId);
      if (!session) throw new ApiError('session-not-found', `No session with id ${body.sessionId}.`);
      assertClassInScope(scope, session.class_id, 'session');
      const status = explainedStatus(await codeSetIn(ctx.db), body.reason);
      const existing = await attendance.markOf(ctx.db, body.sessionId, body.studentId);
      if (existing) return { mark: await attendance.update(existing.id, status, body.reason, scope, actor) };
      if (!(await classes.studentsOnRosters(ctx.db, [body.studentId], [session.class_id])).has(body.studentId))
        throw new ApiError('student-not-found', `No student ${body.studentId} on this session's register.`);
      // No mark yet (the session ended on its clock): a manual mark with the reason, dated when it ended.
      const now = ctx.now();
      const at = session.ends_at !== null && Number(session.ends_at) < now ? Number(session.ends_at) : now;
      const id = randomUUID();
      const { results } = await attendance.post(
        [{ id, studentId: body.studentId, sessionId: body.sessionId, deviceId: 'office', markedAt: toIso(at), method: 'manual', status, reason: body.reason }],
        scope,
        actor,
      );
      const result = results[0]!;
      if (result.status === 'rejected') throw new ApiError('validation-failed', `The mark could not be stored (${result.reason ?? 'refused'}).`);
      return { mark: await attendance.get(result.existingId ?? id, scope) };
    },
  };
}
