// What posted marks do to the register, decided in memory from what their transaction read: each
// mark's result, the rows to insert and the changes to stored marks. Batches that share one
// transaction are decided one after another against one ledger, each seeing what the ones before
// it wrote, so a batch gets the results it would have got on its own.
import type { MarkResult, MarkStatus, NewMark } from '@rollcall/contracts';
import { inScope, type Actor, type Scope } from '../../shared/actor.ts';
import { localDay, offsetMinutes } from '../../shared/time.ts';
import type { SessionRow } from '../sessions/sessions.service.ts';
import type { MarkPatch, MarkRow } from './attendance.repository.ts';
import { deviceLabel, markTimeRefused } from './mark-time.ts';
import type { MarkedBy } from './marked-by.ts';

/** A change to a student's existing mark in a session, made by a later mark with id changeId. */
export interface Change {
  changeId: string;
  markId: string;
  remove: boolean;
  patch: MarkPatch;
  why: string | null;
  by: MarkedBy | null;
}

/** A stored (or just decided) mark that could make a new one a duplicate. */
export interface Seen {
  id: string;
  student_id: string;
  session_id: string | null;
  marked_at: number;
  method: string;
}

/** Stored marks by student, as the ledger keeps them. */
export function byStudent(marks: readonly Seen[]): Map<string, Seen[]> {
  const out = new Map<string, Seen[]>();
  for (const m of marks) out.set(m.student_id, [...(out.get(m.student_id) ?? []), m]);
  return out;
}

/** What the transaction read, and what the batches decided so far add to it. */
export interface Ledger {
  receivedAt: number;
  cooldownMs: number;
  /** Students that exist (and are locked). */
  known: ReadonlySet<string>;
  sessions: ReadonlyMap<string, SessionRow>;
  /** Roster places as `classId/studentId`, for the sessions' classes and the callers' classes. */
  rosterPairs: ReadonlySet<string>;
  /** Marks of these students in these sessions or near these times, by student. */
  seen: Map<string, Seen[]>;
  /** Mark ids the server has already received: stored, applied as a change, or written by an earlier batch. */
  received: Set<string>;
  rows: MarkRow[];
  changes: Change[];
}

/** One posted batch and who posted it. */
export interface Posting {
  marks: readonly NewMark[];
  scope: Scope;
  actor: Actor | null;
  by: MarkedBy | null;
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
function changeOf(mark: NewMark, markId: string, d: Decided, by: MarkedBy | null): Change {
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
    by,
  };
}

function newRow(mark: NewMark, session: SessionRow | undefined, d: Decided, receivedAt: number, by: MarkedBy | null): MarkRow {
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

/** Whether the caller may mark this student: on the session's roster, or for a day mark on one of the caller's rosters. */
function allowed(l: Ledger, scope: Scope, studentId: string, session: SessionRow | undefined): boolean {
  if (session) return l.rosterPairs.has(`${session.class_id}/${studentId}`);
  return scope.all || [...scope.classIds].some((c) => l.rosterPairs.has(`${c}/${studentId}`));
}

/** Decides one batch against the ledger and adds its rows and changes to it; returns each mark's result, in order. */
export function decideBatch(l: Ledger, p: Posting): MarkResult[] {
  const { scope, actor, by } = p;
  const results: MarkResult[] = [];
  const batchIds = new Set<string>();
  // A change rewrites the stored mark a later batch reads; within this batch the mark read stays as it was.
  const rewritten: { seen: Seen; patch: MarkPatch }[] = [];
  for (const mark of p.marks) {
    const markedAt = Date.parse(mark.markedAt);
    const session = mark.sessionId ? l.sessions.get(mark.sessionId) : undefined;
    if (l.received.has(mark.id) || batchIds.has(mark.id)) {
      results.push({ id: mark.id, status: 'duplicate', reason: 'already-received', existingId: mark.id });
      continue;
    }
    batchIds.add(mark.id);
    if (mark.sessionId && !session) {
      results.push({ id: mark.id, status: 'rejected', reason: 'session-not-found' });
      continue;
    }
    if (session && !inScope(scope, session.class_id)) {
      results.push({ id: mark.id, status: 'rejected', reason: 'forbidden' });
      continue;
    }
    // Not on the roster answers like an unknown id: nobody learns which ids exist in other classes.
    if (!l.known.has(mark.studentId) || !allowed(l, scope, mark.studentId, session)) {
      results.push({ id: mark.id, status: 'rejected', reason: 'student-not-found' });
      continue;
    }
    if (markTimeRefused(markedAt, l.receivedAt, session ? Number(session.starts_at) : null, actor)) {
      results.push({ id: mark.id, status: 'rejected', reason: 'time-out-of-range' });
      continue;
    }
    const device = deviceLabel(mark.deviceId, actor);
    const status = decideStatus(mark, markedAt, session);
    const theirs = l.seen.get(mark.studentId) ?? [];
    const sameIdx = mark.sessionId ? theirs.findIndex((s) => s.session_id === mark.sessionId) : -1;
    const same = sameIdx >= 0 ? theirs[sameIdx]! : undefined;
    if (same) {
      // A sighting that reaches the server after the session ended replaces the automatic absent.
      const replacesAbsent = same.method === 'session-end';
      if (!isManualStatus(mark) && !replacesAbsent) {
        results.push({ id: mark.id, status: 'duplicate', reason: 'already-marked', existingId: same.id });
        continue;
      }
      const change = changeOf(mark, same.id, { status, markedAt, device }, by);
      l.changes.push(change);
      l.received.add(mark.id);
      if (change.remove) theirs.splice(sameIdx, 1);
      else rewritten.push({ seen: same, patch: change.patch });
      results.push({ id: mark.id, status: 'accepted', existingId: same.id, markStatus: change.remove ? 'not-seen' : status });
      continue;
    }
    // Taking back a mark that is not there leaves nothing to do.
    if (mark.status === 'not-seen') {
      results.push({ id: mark.id, status: 'accepted', markStatus: 'not-seen' });
      continue;
    }
    // In a session, once per session is the rule: the cooldown guards day marks (no session),
    // so a student seen at 8:59 in period 1 is still marked at 9:00 in period 2.
    if (!mark.sessionId) {
      const near = theirs.find((s) => Math.abs(Number(s.marked_at) - markedAt) < l.cooldownMs);
      if (near) {
        results.push({ id: mark.id, status: 'duplicate', reason: 'cooldown', existingId: near.id });
        continue;
      }
    }
    l.rows.push(newRow(mark, session, { status, markedAt, device }, l.receivedAt, by));
    l.received.add(mark.id);
    l.seen.set(mark.studentId, [
      ...theirs,
      { id: mark.id, student_id: mark.studentId, session_id: mark.sessionId ?? null, marked_at: markedAt, method: mark.method },
    ]);
    results.push({ id: mark.id, status: 'accepted', markStatus: status });
  }
  for (const { seen, patch } of rewritten) {
    if (patch.method !== undefined) seen.method = patch.method;
    if (patch.marked_at !== undefined) seen.marked_at = Number(patch.marked_at);
  }
  return results;
}
