// A session's register from its roster and its marks: one row per roster student (not seen when
// they have no mark), then anyone marked in the session who is not on the roster any more.
import { countRegister, type ClassSession, type Mark, type Register, type RegisterRow } from '@rollcall/contracts';

export interface RosterEntry {
  studentId: string;
  name: string;
}

const byName = (a: { name: string; studentId: string }, b: { name: string; studentId: string }) =>
  a.name.localeCompare(b.name) || a.studentId.localeCompare(b.studentId);

function row(studentId: string, name: string, onRoster: boolean, m: Mark | undefined): RegisterRow {
  return {
    studentId,
    name,
    onRoster,
    status: m?.status ?? 'not-seen',
    markId: m?.id ?? null,
    method: m?.method ?? null,
    markedAt: m?.markedAt ?? null,
    markedBy: m?.markedBy ?? null,
    reason: m?.reason ?? null,
    similarity: m?.similarity ?? null,
    deviceId: m?.deviceId ?? null,
  };
}

export function buildRegister(session: ClassSession, className: string, roster: readonly RosterEntry[], marks: readonly Mark[]): Register {
  const bySession = new Map(marks.filter((m) => m.sessionId === session.id).map((m) => [m.studentId, m]));
  const onRoster = new Set(roster.map((r) => r.studentId));
  const rows = [...roster].sort(byName).map((r) => row(r.studentId, r.name, true, bySession.get(r.studentId)));
  const extra = [...bySession.values()]
    .filter((m) => !onRoster.has(m.studentId))
    .map((m) => row(m.studentId, m.studentName ?? m.studentId, false, m))
    .sort(byName);
  const all = [...rows, ...extra];
  return { session, className, rows: all, counts: countRegister(all) };
}
