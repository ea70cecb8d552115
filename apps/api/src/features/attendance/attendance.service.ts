// Rules for attendance: a mark's id makes posting idempotent; a student is marked at most once
// per session and not again within the cooldown; late follows the session's threshold; a mark's
// time must fall in the window mark-time.ts allows, and its device label is the caller's. A manual
// mark with a status sets the student's status in the session (audited, with who did it). Posted
// batches are written in transactions that first lock the students they touch, so parallel
// batches from several devices or API instances cannot both store a mark for the same student;
// batches arriving together share one (shared-writes.ts) and are decided in order (decide-marks.ts).
import { randomUUID } from 'node:crypto';
import type { Mark, MarkResult, MarkStatus, NewMark, PostMarksResult } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, scopedClassIds, type Actor, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type Executor, type ServiceContext } from '../../shared/context.ts';
import { withRetry } from '../../shared/db-errors.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { EventsService } from '../events/events.service.ts';
import type { SessionRow, SessionsService } from '../sessions/sessions.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';
import * as repo from './attendance.repository.ts';
import { byStudent, decideBatch, type Change, type Ledger } from './decide-marks.ts';
import { markedBy, type MarkedBy } from './marked-by.ts';
import { sharedWrites } from './shared-writes.ts';
import { assertDeviceReach } from '../../shared/device-reach.ts';
import { idsOf } from '../../shared/ids.ts';

/** Why and by whom a stored mark changes, for its audit entry. */
interface Why {
  reason: string | null;
  by: MarkedBy | null;
  at: number;
  /** The audit entry's id: a change posted as a mark keeps that mark's id, so a resend is seen. */
  auditId?: string;
}

/** One posted batch and its caller. */
interface Post {
  marks: NewMark[];
  scope: Scope;
  actor: Actor | null;
}

/** Marks one transaction takes at most: its locks and IN lists stay modest, and a group commits in one go. */
const MAX_MARKS_PER_TRANSACTION = 1_000;
/** Transactions writing posted marks at once on one instance. */
const PARALLEL_TRANSACTIONS = 4;

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** The class of each of these sessions that has ended by `now`: what a new mark's summary invalidation needs. */
function endedSessions(sessions: Iterable<SessionRow>, now: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sessions) if (s.ends_at !== null && Number(s.ends_at) <= now) out.set(s.id, s.class_id);
  return out;
}

export interface AttendanceDeps {
  classes: ClassesService;
  events: EventsService;
  sessions: SessionsService;
  studentRows: StudentRowsService;
}

export function attendanceService(ctx: ServiceContext, deps: AttendanceDeps) {
  const { classes, events, studentRows } = deps;
  const mustFind = async (id: string, scope: Scope): Promise<Mark> => {
    const m = await repo.findMark(ctx.db, id);
    if (!m) throw new ApiError('mark-not-found', `No attendance mark with id ${id}.`);
    assertClassInScope(scope, m.classId, 'mark');
    return m;
  };

  /**
   * Writes a group of posted batches in one transaction: one query of each kind for all of their
   * marks (lock the students, sessions, roster places, then ids already received and marks near in time together),
   * each batch decided in order against what was read, then one insert of the new marks and one of
   * their events. Changes to stored marks (rare: a hand-set status, a late sighting) go one by one.
   */
  async function postGroup(posts: readonly Post[]): Promise<MarkResult[][]> {
    return writeTransaction(ctx, async (trx) => {
      const receivedAt = ctx.now();
      const marks = posts.flatMap((p) => p.marks);
      const known = await studentRows.lock(
        trx,
        marks.map((m) => m.studentId),
      );
      const sessionIds = unique(marks.map((m) => m.sessionId).filter((s): s is string => !!s));
      // Shared locks: a session's end moved into the settled past meanwhile either waits for these
      // marks or is seen by them, so they raise its class's summary epoch (stats-summary.ts).
      const sessions = await deps.sessions.shareSessions(trx, sessionIds);
      // Roster places for the sessions' classes (a session mark only for a student on its roster)
      // and for scoped callers' classes (their day marks only for students on one of their rosters).
      const rosterClasses = unique([...[...sessions.values()].map((s) => s.class_id), ...posts.flatMap((p) => scopedClassIds(p.scope) ?? [])]);
      const rosterPairs = await classes.rosterPairs(trx, [...known], rosterClasses);
      const times = marks.map((m) => Date.parse(m.markedAt));
      const { received, recent } = await repo.storedFor(
        trx,
        idsOf(marks),
        [...known],
        sessionIds,
        Math.min(...times) - ctx.cooldownMs,
        Math.max(...times) + ctx.cooldownMs,
      );
      const ledger: Ledger = { receivedAt, cooldownMs: ctx.cooldownMs, known, sessions, rosterPairs, seen: byStudent(recent), received, rows: [], changes: [] };
      const results = posts.map((p) => decideBatch(ledger, { ...p, by: markedBy(p.actor) }));
      await repo.insertMarks(trx, ledger.rows, endedSessions(sessions.values(), receivedAt));
      await events.appendAccepted(
        trx,
        ledger.rows.map((r) => r.id),
        receivedAt,
      );
      for (const change of ledger.changes) await applyChange(trx, change, receivedAt);
      return results;
    });
  }

  /** A lost race on a unique key means another transaction stored the same mark first: run again and report it as a duplicate. */
  const post = sharedWrites((posts: Post[]) => withRetry(5, () => postGroup(posts)), {
    parallel: PARALLEL_TRANSACTIONS,
    maxItems: MAX_MARKS_PER_TRANSACTION,
    size: (p) => p.marks.length,
  });

  /** Changes one stored mark (or takes it out), with an audit entry whose id is the change's own. */
  async function applyChange(trx: Executor, c: Change, at: number) {
    const before = await repo.findMark(trx, c.markId);
    if (!before) return;
    const why = { reason: c.why, by: c.by, at, auditId: c.changeId };
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
    async post(marks: NewMark[], scope: Scope, actor: Actor | null = null): Promise<PostMarksResult> {
      return { results: await post({ marks, scope, actor }) };
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
        const by = markedBy(actor);
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
        const by = markedBy(actor);
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
    /** Stores new marks into the given sessions (as read in the caller's transaction). */
    insertMarks: (trx: Executor, rows: repo.MarkRow[], sessions: Iterable<SessionRow>) => repo.insertMarks(trx, rows, endedSessions(sessions, ctx.now())),
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
