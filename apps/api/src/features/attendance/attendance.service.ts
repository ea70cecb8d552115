// Rules for attendance: a mark's id makes posting idempotent; a student is marked at most once
// per session and not again within the cooldown; late follows the session's threshold; a mark's
// time must fall in the window mark-time.ts allows, and its device label is the caller's. A manual
// mark with a status sets the student's status in the session (audited, with who did it). Every
// batch is one transaction that first locks the students it touches, so parallel batches from
// several devices cannot both store a mark for the same student.
import { randomUUID } from 'node:crypto';
import type { LiveEvent, Mark, MarkResult, MarkStatus, NewMark, PostMarksResult } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, inScope, scopedClassIds, type Actor, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { withRetry } from '../../shared/db-errors.ts';
import { localDay, offsetMinutes } from '../../shared/time.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EventsService } from '../events/events.service.ts';
import type { SessionRow, SessionsService } from '../sessions/sessions.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import type { UsersService } from '../users/users.service.ts';
import * as repo from './attendance.repository.ts';
import { markedBy as markedByOf, type MarkedBy } from './marked-by.ts';
import { deviceLabel, markTimeRefused } from './mark-time.ts';
import { assertDeviceReach } from '../../shared/device-reach.ts';
import { idsOf } from '../../shared/ids.ts';

/** A change to a student's existing mark in a session, made by a later mark with id changeId. */
interface Change {
  changeId: string;
  markId: string;
  remove: boolean;
  patch: repo.MarkPatch;
  why: string | null;
}

type Seen = Awaited<ReturnType<typeof repo.recentMarks>>[number];

/** Why and by whom a stored mark changes, for its audit entry. */
interface Why {
  reason: string | null;
  by: MarkedBy | null;
  at: number;
  /** The audit entry's id: a change posted as a mark keeps that mark's id, so a resend is seen. */
  auditId?: string;
}

function decideStatus(mark: NewMark, markedAt: number, session: SessionRow | undefined): MarkStatus {
  if (mark.status && mark.status !== 'not-seen') return mark.status;
  if (!session) return 'present';
  return markedAt > Number(session.starts_at) + Number(session.late_after_minutes) * 60_000 ? 'late' : 'present';
}

/** A teacher setting a student's status in a session by hand: it may change the student's mark there. */
const isManualStatus = (m: NewMark): boolean => m.method === 'manual' && m.status !== undefined && !!m.sessionId;

/** What the server decided for an accepted mark: its status, instant and device label. */
interface Decided {
  status: MarkStatus;
  markedAt: number;
  device: string;
}

/** When the mark was made: the instant, the school day in the offset it was given with, and that offset. */
function markTime(mark: NewMark, markedAt: number) {
  const offset = offsetMinutes(mark.markedAt);
  return { marked_at: markedAt, marked_day: localDay(markedAt, offset), marked_offset: offset };
}

/**
 * The change a mark makes to the student's stored mark `markId` in the same session: a manual
 * status, or else a sighting replacing the automatic absent (time, score and device included).
 */
function changeOf(mark: NewMark, markId: string, d: Decided): Change {
  const replacesAbsent = !isManualStatus(mark);
  return {
    changeId: mark.id,
    markId,
    remove: mark.status === 'not-seen',
    patch: {
      status: d.status,
      method: mark.method,
      reason: mark.reason ?? null,
      ...(replacesAbsent && { ...markTime(mark, d.markedAt), similarity: mark.similarity ?? null, device_id: d.device }),
    },
    why: mark.reason ?? (replacesAbsent ? 'Seen by the camera; the mark reached the server after the session ended.' : null),
  };
}

function newRow(mark: NewMark, session: SessionRow | undefined, d: Decided, receivedAt: number, by: MarkedBy | null): repo.MarkRow {
  return {
    id: mark.id,
    student_id: mark.studentId,
    session_id: mark.sessionId ?? null,
    class_id: session?.class_id ?? null,
    device_id: d.device,
    ...markTime(mark, d.markedAt),
    received_at: receivedAt,
    similarity: mark.similarity ?? null,
    method: mark.method,
    status: d.status,
    reason: mark.reason ?? null,
    marked_by: by?.id ?? null,
    marked_by_name: by?.name ?? null,
  };
}

export interface AttendanceDeps {
  classes: ClassesService;
  events: EventsService;
  sessions: SessionsService;
  studentRows: StudentRowsService;
  users: UsersService;
}

export function attendanceService(ctx: ServiceContext, deps: AttendanceDeps) {
  const { classes, events, studentRows, users } = deps;
  const markedBy = (db: Executor, actor: Actor | null) => markedByOf(db, actor, users);
  const mustFind = async (id: string, scope: Scope): Promise<Mark> => {
    const m = await repo.findMark(ctx.db, id);
    if (!m) throw new ApiError('mark-not-found', `No attendance mark with id ${id}.`);
    assertClassInScope(scope, m.classId, 'mark');
    return m;
  };

  async function postOnce(marks: NewMark[], scope: Scope, actor: Actor | null): Promise<{ results: MarkResult[]; accepted: string[] }> {
    return writeTransaction(ctx, async (trx) => {
      const receivedAt = ctx.now();
      const by = await markedBy(trx, actor);
      const known = await studentRows.lock(
        trx,
        marks.map((m) => m.studentId),
      );
      const already = await repo.existingIds(trx, idsOf(marks));
      const sessionIds = [...new Set(marks.map((m) => m.sessionId).filter((s): s is string => !!s))];
      const sessions = await deps.sessions.findSessions(trx, sessionIds);
      // A session mark only for a student on the session's class roster; a scoped caller's day mark
      // (no session) only for a student on one of its rosters.
      const onSessionRoster = await classes.rosterPairs(trx, [...known], [...new Set([...sessions.values()].map((s) => s.class_id))]);
      const rostered = scope.all ? null : await classes.studentsOnRosters(trx, [...known], [...scope.classIds]);
      const times = marks.map((m) => Date.parse(m.markedAt));
      const seen: Seen[] = await repo.recentMarks(trx, [...known], sessionIds, Math.min(...times) - ctx.cooldownMs, Math.max(...times) + ctx.cooldownMs);
      const results: MarkResult[] = [];
      const rows: repo.MarkRow[] = [];
      const changes: Change[] = [];
      const batchIds = new Set<string>();
      marks.forEach((mark, i) => {
        const markedAt = times[i]!;
        const session = mark.sessionId ? sessions.get(mark.sessionId) : undefined;
        if (already.has(mark.id) || batchIds.has(mark.id)) {
          results.push({ id: mark.id, status: 'duplicate', reason: 'already-received', existingId: mark.id });
          return;
        }
        batchIds.add(mark.id);
        if (mark.sessionId && !session) return results.push({ id: mark.id, status: 'rejected', reason: 'session-not-found' });
        if (session && !inScope(scope, session.class_id)) return results.push({ id: mark.id, status: 'rejected', reason: 'forbidden' });
        // Not on the roster answers like an unknown id: nobody learns which ids exist in other classes.
        const allowed = session ? onSessionRoster.has(`${session.class_id}/${mark.studentId}`) : !rostered || rostered.has(mark.studentId);
        if (!known.has(mark.studentId) || !allowed) return results.push({ id: mark.id, status: 'rejected', reason: 'student-not-found' });
        if (markTimeRefused(markedAt, receivedAt, session ? Number(session.starts_at) : null, actor))
          return results.push({ id: mark.id, status: 'rejected', reason: 'time-out-of-range' });
        const device = deviceLabel(mark.deviceId, actor);
        const status = decideStatus(mark, markedAt, session);
        const sameIdx = mark.sessionId ? seen.findIndex((s) => s.student_id === mark.studentId && s.session_id === mark.sessionId) : -1;
        const same = sameIdx >= 0 ? seen[sameIdx]! : undefined;
        if (same) {
          // A sighting that reaches the server after the session ended replaces the automatic absent.
          const replacesAbsent = same.method === 'session-end';
          if (!isManualStatus(mark) && !replacesAbsent)
            return results.push({ id: mark.id, status: 'duplicate', reason: 'already-marked', existingId: same.id });
          const change = changeOf(mark, same.id, { status, markedAt, device });
          changes.push(change);
          if (change.remove) seen.splice(sameIdx, 1);
          return results.push({ id: mark.id, status: 'accepted', existingId: same.id, markStatus: change.remove ? 'not-seen' : status });
        }
        // Taking back a mark that is not there leaves nothing to do.
        if (mark.status === 'not-seen') return results.push({ id: mark.id, status: 'accepted', markStatus: 'not-seen' });
        // In a session, once per session is the rule: the cooldown guards day marks (no session),
        // so a student seen at 8:59 in period 1 is still marked at 9:00 in period 2.
        if (!mark.sessionId) {
          const near = seen.find((s) => s.student_id === mark.studentId && Math.abs(Number(s.marked_at) - markedAt) < ctx.cooldownMs);
          if (near) return results.push({ id: mark.id, status: 'duplicate', reason: 'cooldown', existingId: near.id });
        }
        rows.push(newRow(mark, session, { status, markedAt, device }, receivedAt, by));
        seen.push({ id: mark.id, student_id: mark.studentId, session_id: mark.sessionId ?? null, marked_at: markedAt, method: mark.method });
        results.push({ id: mark.id, status: 'accepted', markStatus: status });
      });
      await repo.insertMarks(trx, rows);
      const stored = await repo.findMarks(trx, idsOf(rows));
      await events.append(
        trx,
        stored.map((mark): LiveEvent => ({ type: 'mark.accepted', mark })),
        receivedAt,
      );
      for (const change of changes) await applyChange(trx, change, by, receivedAt);
      return { results, accepted: rows.map((r) => r.id) };
    });
  }

  /** Changes one stored mark (or takes it out), with an audit entry whose id is the change's own. */
  async function applyChange(trx: Executor, c: Change, by: MarkedBy | null, at: number) {
    const before = await repo.findMark(trx, c.markId);
    if (!before) return;
    const why = { reason: c.why, by, at, auditId: c.changeId };
    if (c.remove) await clearMarks(trx, [c.markId], [before], before.sessionId, why);
    else await changeMark(trx, before, c.patch, why);
  }

  /** Updates a stored mark, audits it and tells the live channel; returns the mark as it is now. */
  async function changeMark(trx: Executor, before: Mark, patch: repo.MarkPatch, why: Why): Promise<Mark> {
    await repo.updateMark(trx, before.id, patch, why.by);
    const after = (await repo.findMark(trx, before.id))!;
    await repo.insertAudit(trx, [{ id: why.auditId ?? randomUUID(), before, after, reason: why.reason, by: why.by, at: why.at }]);
    await events.append(trx, [{ type: 'mark.updated', mark: after }], why.at);
    return after;
  }

  /** Takes stored marks out, each audited, and tells the live channel once. */
  async function clearMarks(trx: Executor, ids: string[], before: Mark[], sessionId: string | null, why: Why) {
    await repo.deleteMarks(trx, ids);
    await repo.insertAudit(
      trx,
      before.map((m) => ({ id: why.auditId ?? randomUUID(), before: m, after: null, reason: why.reason, by: why.by, at: why.at })),
    );
    const classIds = [...new Set(before.map((m) => m.classId).filter((c): c is string => c !== null))];
    await events.append(trx, ids.length ? [{ type: 'marks.cleared', sessionId, classIds, markIds: ids }] : [], why.at);
  }

  return {
    /** A lost race on a unique key means another batch stored the same mark first: run again and report it as a duplicate. */
    async post(marks: NewMark[], scope: Scope, actor: Actor | null = null): Promise<PostMarksResult> {
      const { results } = await withRetry(5, () => postOnce(marks, scope, actor));
      return { results };
    },

    async list(q: Parameters<typeof repo.listMarks>[1], scope: Scope, actor: Actor | null = null) {
      if (q.classId) assertClassInScope(scope, q.classId);
      const session = q.sessionId ? (await deps.sessions.findSessions(ctx.db, [q.sessionId])).get(q.sessionId) : undefined;
      if (session) assertClassInScope(scope, session.class_id, 'session');
      // An unknown session lists nothing, so there is no reach to check.
      if (actor?.kind === 'device' && !(q.sessionId && !session)) assertDeviceReach(session ? session.day : q.from, ctx.now());
      return repo.listMarks(ctx.db, { ...q, inClasses: scopedClassIds(scope) });
    },

    async update(id: string, status: MarkStatus, reason: string | undefined, scope: Scope, actor: Actor | null = null): Promise<Mark> {
      const updated = await writeTransaction(ctx, async (trx) => {
        const by = await markedBy(trx, actor);
        const before = await repo.findMark(trx, id);
        if (!before) throw new ApiError('mark-not-found', `No attendance mark with id ${id}.`);
        assertClassInScope(scope, before.classId, 'mark');
        // A reason given for the status it already has (an absence explained as unauthorised) is still a change.
        if (before.status === status && (reason === undefined || reason === before.reason)) return before;
        // The reason goes on the mark too (an excused student's note), not only in the trail; without one the old stays.
        return changeMark(trx, before, { status, ...(reason !== undefined && { reason }) }, { reason: reason ?? null, by, at: ctx.now() });
      });
      return updated;
    },

    async remove(filter: { markId: string } | { sessionId: string }, reason: string | undefined, scope: Scope, actor: Actor | null = null) {
      if ('markId' in filter) await mustFind(filter.markId, scope);
      else {
        const s = (await deps.sessions.findSessions(ctx.db, [filter.sessionId])).get(filter.sessionId);
        if (!s) throw new ApiError('session-not-found', `No session with id ${filter.sessionId}.`);
        assertClassInScope(scope, s.class_id, 'session');
      }
      return writeTransaction(ctx, async (trx) => {
        const at = ctx.now();
        const by = await markedBy(trx, actor);
        const ids = await repo.markIdsOf(trx, filter);
        const before = await repo.findMarks(trx, ids);
        await clearMarks(trx, ids, before, 'sessionId' in filter ? filter.sessionId : null, { reason: reason ?? null, by, at });
        return ids.length;
      });
    },

    async audit(markId: string, scope: Scope) {
      const rows = await repo.auditOf(ctx.db, markId);
      if (rows.length === 0) await mustFind(markId, scope);
      else if (!scope.all) {
        // A deleted mark lives on only in its audit entries: check the class recorded there.
        const before = JSON.parse(rows[0]!.before_json) as { classId?: string | null };
        assertClassInScope(scope, before.classId, 'mark');
      }
      return {
        items: rows.map((r) => ({
          id: r.id,
          markId: r.mark_id,
          action: r.action as 'update' | 'delete',
          before: JSON.parse(r.before_json) as unknown,
          after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
          reason: r.reason,
          by: r.actor_name,
          at: new Date(Number(r.at)).toISOString(),
        })),
      };
    },

    get: mustFind,

    // For other features, in the executor they pass: their transaction, or ctx.db to read.
    /** Who is making a change, as stored with marks and audit entries. */
    markedBy,
    findMarks: (db: Executor, ids: string[]) => repo.findMarks(db, ids),
    insertMarks: (trx: Executor, rows: repo.MarkRow[]) => repo.insertMarks(trx, rows),
    marksInSessions: (db: Executor, sessionIds: string[]) => repo.marksInSessions(db, sessionIds),
    studentsMarkedIn: (db: Executor, sessionId: string) => repo.studentsMarkedIn(db, sessionId),
    sessionMarks: (db: Executor, sessionIds: string[]) => repo.sessionMarks(db, sessionIds),
    markOf: (db: Executor, sessionId: string, studentId: string) => repo.markOf(db, sessionId, studentId),
    listMarks: (db: Executor, f: repo.MarkFilter) => repo.listMarks(db, f),
    countMarksOf: (db: Executor, studentId: string) => repo.countMarksOf(db, studentId),
    deleteMarksOf: (trx: Executor, studentId: string) => repo.deleteMarksOf(trx, studentId),
    unexplainedInSession: (db: Executor, sessionId: string) => repo.unexplainedInSession(db, sessionId),
    unexplainedCounts: (db: Executor, studentIds: string[], from: string, to: string) => repo.unexplainedCounts(db, studentIds, from, to),
    markForNotice: (db: Executor, markId: string) => repo.markForNotice(db, markId),
    sightingMarks: (db: Executor, w: repo.SightingWindow) => repo.sightingMarks(db, w),
    auditOfMarks: (db: Executor, markIds: readonly string[]) => repo.auditOfMarks(db, markIds),
    auditMatching: (db: Executor, pattern: string) => repo.auditMatching(db, pattern),
    rewriteAudit: (db: Executor, id: string, json: { before_json?: string; after_json?: string }) => repo.rewriteAudit(db, id, json),
    purgeBefore: (trx: Executor, before: number) => repo.purgeBefore(trx, before),
  };
}
export type AttendanceService = ReturnType<typeof attendanceService>;
export type { MarkRow, SightingWindow } from './attendance.repository.ts';
