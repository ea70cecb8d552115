// A session's register from its roster and its marks: one row per roster student (not seen when
// they have no mark), then anyone marked in the session who is not on the roster any more.
import { countRegister, type ClassSession, type Mark, type Register, type RegisterRow } from '@rollcall/contracts';

export interface RosterEntry {
  studentId: string;
  name: string;
}

// The comparison localeCompare makes, built once: a call for many classes sorts thousands of rows.
const collator = new Intl.Collator();
const byName = (a: { name: string; studentId: string }, b: { name: string; studentId: string }) =>
  collator.compare(a.name, b.name) || collator.compare(a.studentId, b.studentId);

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

/** `marks`: this session's marks (marksBySession groups a read of many sessions' marks once). */
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

/** Marks grouped under their session, so each register reads its own and no other's. */
export function marksBySession(marks: readonly Mark[]): Map<string, Mark[]> {
  const out = new Map<string, Mark[]>();
  for (const m of marks) {
    if (m.sessionId === null) continue;
    const list = out.get(m.sessionId);
    if (list) list.push(m);
    else out.set(m.sessionId, [m]);
  }
  return out;
}
