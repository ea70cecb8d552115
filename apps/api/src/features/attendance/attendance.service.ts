// Rules for attendance: a mark's id makes posting idempotent; a student is marked at most once
// per session and not again within the cooldown; late follows the session's threshold. Every
// batch is one transaction that first locks the students it touches, so parallel batches from
// several devices cannot both store a mark for the same student.
import { randomUUID } from 'node:crypto';
import type { LiveEvent, Mark, MarkResult, MarkStatus, NewMark, PostMarksResult } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import { assertClassInScope, inScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import { writeTransaction, type ServiceContext } from '../../shared/context.ts';
import { withRetry } from '../../shared/db-errors.ts';
import { localDay, offsetMinutes } from '../../shared/time.ts';
import { appendEvents } from '../events/events.repository.ts';
import { findSessions, type SessionRow } from '../sessions/sessions.repository.ts';
import { lockStudents } from '../students/students.repository.ts';
import * as repo from './attendance.repository.ts';

interface Seen {
  id: string;
  student_id: string;
  session_id: string | null;
  marked_at: number;
}

function decideStatus(mark: NewMark, markedAt: number, session: SessionRow | undefined): MarkStatus {
  if (mark.status) return mark.status;
  if (!session) return 'present';
  return markedAt > Number(session.starts_at) + Number(session.late_after_minutes) * 60_000 ? 'late' : 'present';
}

export function attendanceService(ctx: ServiceContext) {
  const mustFind = async (id: string, scope: Scope): Promise<Mark> => {
    const m = await repo.findMark(ctx.db, id);
    if (!m) throw new ApiError('mark-not-found', `No attendance mark with id ${id}.`);
    assertClassInScope(scope, m.classId, 'mark');
    return m;
  };

  async function postOnce(marks: NewMark[], scope: Scope): Promise<{ results: MarkResult[]; accepted: string[] }> {
    return writeTransaction(ctx, async (trx) => {
      const receivedAt = ctx.now();
      const known = await lockStudents(trx, ctx.dialect, marks.map((m) => m.studentId));
      const already = await repo.existingIds(trx, marks.map((m) => m.id));
      const sessionIds = [...new Set(marks.map((m) => m.sessionId).filter((s): s is string => !!s))];
      const sessions = await findSessions(trx, sessionIds);
      // A session mark only for a student on the session's class roster; a scoped caller's day mark
      // (no session) only for a student on one of its rosters.
      const onSessionRoster = await repo.rosterPairs(trx, [...known], [...new Set([...sessions.values()].map((s) => s.class_id))]);
      const rostered = scope.all ? null : await repo.studentsOnRosters(trx, [...known], [...scope.classIds]);
      const times = marks.map((m) => Date.parse(m.markedAt));
      const seen: Seen[] = await repo.recentMarks(
        trx,
        [...known],
        sessionIds,
        Math.min(...times) - ctx.cooldownMs,
        Math.max(...times) + ctx.cooldownMs,
      );
      const results: MarkResult[] = [];
      const rows: repo.MarkRow[] = [];
      const batchIds = new Set<string>();
      marks.forEach((mark, i) => {
        const markedAt = times[i]!;
        const session = mark.sessionId ? sessions.get(mark.sessionId) : undefined;
        const prior = already.get(mark.id);
        if (prior !== undefined || batchIds.has(mark.id)) {
          results.push({ id: mark.id, status: 'duplicate', reason: 'already-received', existingId: mark.id });
          return;
        }
        batchIds.add(mark.id);
        if (mark.sessionId && !session) return results.push({ id: mark.id, status: 'rejected', reason: 'session-not-found' });
        if (session && !inScope(scope, session.class_id)) return results.push({ id: mark.id, status: 'rejected', reason: 'forbidden' });
        // Not on the roster answers like an unknown id: nobody learns which ids exist in other classes.
        const allowed = session ? onSessionRoster.has(`${session.class_id}/${mark.studentId}`) : !rostered || rostered.has(mark.studentId);
        if (!known.has(mark.studentId) || !allowed) return results.push({ id: mark.id, status: 'rejected', reason: 'student-not-found' });
        const sameSession = mark.sessionId ? seen.find((s) => s.student_id === mark.studentId && s.session_id === mark.sessionId) : undefined;
        if (sameSession) return results.push({ id: mark.id, status: 'duplicate', reason: 'already-marked', existingId: sameSession.id });
        const near = seen.find((s) => s.student_id === mark.studentId && Math.abs(Number(s.marked_at) - markedAt) < ctx.cooldownMs);
        if (near) return results.push({ id: mark.id, status: 'duplicate', reason: 'cooldown', existingId: near.id });
        const offset = offsetMinutes(mark.markedAt);
        const status = decideStatus(mark, markedAt, session);
        rows.push({
          id: mark.id,
          student_id: mark.studentId,
          session_id: mark.sessionId ?? null,
          class_id: session?.class_id ?? null,
          device_id: mark.deviceId,
          marked_at: markedAt,
          marked_day: localDay(markedAt, offset),
          marked_offset: offset,
          received_at: receivedAt,
          similarity: mark.similarity ?? null,
          method: mark.method,
          status,
        });
        seen.push({ id: mark.id, student_id: mark.studentId, session_id: mark.sessionId ?? null, marked_at: markedAt });
        results.push({ id: mark.id, status: 'accepted', markStatus: status });
      });
      await repo.insertMarks(trx, rows);
      const stored = await repo.findMarks(trx, rows.map((r) => r.id));
      await appendEvents(trx, stored.map((mark): LiveEvent => ({ type: 'mark.accepted', mark })), receivedAt);
      return { results, accepted: rows.map((r) => r.id) };
    });
  }

  return {
    /** A lost race on a unique key means another batch stored the same mark first: run again and report it as a duplicate. */
    async post(marks: NewMark[], scope: Scope): Promise<PostMarksResult> {
      const { results } = await withRetry(5, () => postOnce(marks, scope));
      return { results };
    },

    async list(q: Parameters<typeof repo.listMarks>[1], scope: Scope) {
      if (q.classId) assertClassInScope(scope, q.classId);
      if (q.sessionId) {
        const s = (await findSessions(ctx.db, [q.sessionId])).get(q.sessionId);
        if (s) assertClassInScope(scope, s.class_id, 'session');
      }
      return repo.listMarks(ctx.db, { ...q, inClasses: scopedClassIds(scope) });
    },

    async update(id: string, status: MarkStatus, reason: string | undefined, scope: Scope): Promise<Mark> {
      const updated = await writeTransaction(ctx, async (trx) => {
        const before = await repo.findMark(trx, id);
        if (!before) throw new ApiError('mark-not-found', `No attendance mark with id ${id}.`);
        assertClassInScope(scope, before.classId, 'mark');
        if (before.status === status) return before;
        const at = ctx.now();
        await trx.updateTable('attendance_marks').set({ status }).where('id', '=', id).execute();
        const after = (await repo.findMark(trx, id))!;
        await repo.insertAudit(trx, [{ id: randomUUID(), mark_id: id, action: 'update', before_json: JSON.stringify(before), after_json: JSON.stringify(after), reason: reason ?? null, at }]);
        await appendEvents(trx, [{ type: 'mark.updated', mark: after }], at);
        return after;
      });
      return updated;
    },

    async remove(filter: { markId: string } | { sessionId: string }, reason: string | undefined, scope: Scope) {
      if ('markId' in filter) await mustFind(filter.markId, scope);
      else {
        const s = (await findSessions(ctx.db, [filter.sessionId])).get(filter.sessionId);
        if (!s) throw new ApiError('session-not-found', `No session with id ${filter.sessionId}.`);
        assertClassInScope(scope, s.class_id, 'session');
      }
      return writeTransaction(ctx, async (trx) => {
        const at = ctx.now();
        const q = trx.selectFrom('attendance_marks').select('id');
        const ids = ('markId' in filter ? await q.where('id', '=', filter.markId).execute() : await q.where('session_id', '=', filter.sessionId).execute()).map((r) => r.id);
        const before = await repo.findMarks(trx, ids);
        if (ids.length) await trx.deleteFrom('attendance_marks').where('id', 'in', ids).execute();
        await repo.insertAudit(trx, before.map((m) => ({ id: randomUUID(), mark_id: m.id, action: 'delete' as const, before_json: JSON.stringify(m), after_json: null, reason: reason ?? null, at })));
        const classIds = [...new Set(before.map((m) => m.classId).filter((c): c is string => c !== null))];
        await appendEvents(trx, ids.length ? [{ type: 'marks.cleared', sessionId: 'sessionId' in filter ? filter.sessionId : null, classIds, markIds: ids }] : [], at);
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
          at: new Date(Number(r.at)).toISOString(),
        })),
      };
    },

    get: mustFind,
  };
}
