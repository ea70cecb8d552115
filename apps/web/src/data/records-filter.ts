// The records filter: what the page's inputs hold, and how it becomes an API query.
// Days are this device's calendar days (the API's `day` is the marking device's local day).
import { deviceDay, type Mark } from '@rollcall/contracts';
import { t } from '../core/i18n.ts';

export interface RecordsFilter {
  from: string;
  to: string;
  classId: string;
  sessionId: string;
  studentId: string;
}

/** The last seven days, every class. */
export function defaultFilter(now = new Date()): RecordsFilter {
  const weekAgo = new Date(now);
  weekAgo.setDate(now.getDate() - 6);
  return { from: deviceDay(weekAgo), to: deviceDay(now), classId: '', sessionId: '', studentId: '' };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STUDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Only complete values reach the API: a half-typed student id filters nothing yet. */
export function toQuery(f: RecordsFilter) {
  return {
    ...(DAY.test(f.from) && { from: f.from }),
    ...(DAY.test(f.to) && { to: f.to }),
    ...(f.classId && { classId: f.classId }),
    ...(f.sessionId && { sessionId: f.sessionId }),
    ...(STUDENT_ID.test(f.studentId.trim()) && { studentId: f.studentId.trim() }),
  };
}
export type MarksQuery = ReturnType<typeof toQuery>;

/** A range the API would refuse, said in words. */
export function filterProblem(f: RecordsFilter): string | null {
  if (DAY.test(f.from) && DAY.test(f.to) && f.from > f.to) return t({ id: 'records.filter.fromAfterTo', defaultMessage: '"From" is after "To".' });
  return null;
}

export interface StudentTotals {
  studentId: string;
  name: string;
  present: number;
  late: number;
  excused: number;
  absent: number;
  total: number;
}

/** Per-student counts of each status over the filtered marks, by student id. */
export function studentTotals(marks: readonly Mark[]): StudentTotals[] {
  const by = new Map<string, StudentTotals>();
  for (const m of marks) {
    let t = by.get(m.studentId);
    if (!t) by.set(m.studentId, (t = { studentId: m.studentId, name: m.studentName ?? '', present: 0, late: 0, excused: 0, absent: 0, total: 0 }));
    t[m.status] += 1;
    t.total += 1;
  }
  return [...by.values()].sort((a, b) => a.studentId.localeCompare(b.studentId));
}
