// Erasure of a deleted student's name from the copies of marks kept as JSON (the audit trail and
// the live events), and, on SQLite, from the file itself: secure_delete zeroes freed space, and a
// checkpoint empties the write-ahead log that still holds old page images.
import { sql } from 'kysely';
import type { Executor, ServiceContext } from '../../shared/context.ts';
import { escapeLike } from '../../shared/context.ts';
import type { AttendanceService } from '../attendance/attendance.service.ts';
import type { EventsService } from '../events/events.service.ts';

/** The JSON with every `studentName` next to this `studentId` set to null; null when nothing changed. */
export function withoutStudentName(json: string, studentId: string): string | null {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    if (o.studentId === studentId && typeof o.studentName === 'string') {
      o.studentName = null;
      changed = true;
    }
    return o;
  };
  const out = JSON.stringify(walk(JSON.parse(json)));
  return changed ? out : null;
}

/** Rows whose JSON column mentions this student id (JSON.stringify writes `"studentId":"S1"` exactly so). */
const mentioning = (studentId: string) => `%${escapeLike(`"studentId":${JSON.stringify(studentId)}`)}%`;

/** Erases the name from marks' audit entries and from live events, through the features that own them. */
export async function eraseStudentName(
  trx: Executor,
  studentId: string,
  { attendance, events }: { attendance: AttendanceService; events: EventsService },
): Promise<void> {
  const pattern = mentioning(studentId);
  for (const r of await attendance.auditMatching(trx, pattern)) {
    const before = withoutStudentName(r.before_json, studentId);
    const after = r.after_json === null ? null : withoutStudentName(r.after_json, studentId);
    if (before !== null || after !== null) {
      await attendance.rewriteAudit(trx, r.id, { ...(before !== null && { before_json: before }), ...(after !== null && { after_json: after }) });
    }
  }
  for (const e of await events.matching(trx, pattern)) {
    const payload = withoutStudentName(e.payload, studentId);
    if (payload !== null) await events.rewrite(trx, e.id, payload);
  }
}

/** After a deletion commits on SQLite: move the log into the (securely deleted) file and empty it. */
export async function flushDeleted(ctx: ServiceContext): Promise<void> {
  if (ctx.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);
}
