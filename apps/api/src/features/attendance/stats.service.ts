// Daily statistics. For each class and each day it met (a session that day, or marks in it):
// roster size, students present, late, excused, and absent = roster minus those three. A row
// with classId null covers the whole school that day: every student against everyone marked.
import type { DailyStat, MarkStatus } from '@rollcall/contracts';
import type { ServiceContext } from '../../shared/context.ts';
import { assertClassInScope, inScope, type Scope } from '../../shared/actor.ts';
import { rostersOf } from '../register/register.repository.ts';
import { statsInputs } from './stats.repository.ts';

// When a student has several marks in one day, the best one counts.
const RANK: Record<MarkStatus, number> = { present: 3, late: 2, excused: 1, absent: 0 };

function tally(best: Map<string, MarkStatus>, rosterSize: number) {
  let present = 0,
    late = 0,
    excused = 0;
  for (const s of best.values()) {
    if (s === 'present') present++;
    else if (s === 'late') late++;
    else if (s === 'excused') excused++;
  }
  const absent = Math.max(0, rosterSize - present - late - excused);
  return { rosterSize, present, late, excused, absent, rate: rosterSize ? (present + late) / rosterSize : 0 };
}

function keep(best: Map<string, MarkStatus>, studentId: string, status: MarkStatus) {
  const prev = best.get(studentId);
  if (prev === undefined || RANK[status] > RANK[prev]) best.set(studentId, status);
}

export function statsService(ctx: ServiceContext) {
  return {
    async daily(from: string, to: string, classId: string | undefined, scope: Scope): Promise<{ days: DailyStat[] }> {
      if (classId) assertClassInScope(scope, classId);
      const { marks, sessions, classes, rosterCounts, totalStudents } = await statsInputs(ctx.db, from, to, classId);
      // A teacher's statistics cover their own classes only, without the school-wide rows.
      const names = new Map(classes.filter((c) => inScope(scope, c.id)).map((c) => [c.id, c.name]));
      const rosterSize = new Map(rosterCounts.map((r) => [r.class_id, Number(r.n)]));

      const perClassDay = new Map<string, Map<string, MarkStatus>>();
      const perDay = new Map<string, Map<string, MarkStatus>>();
      for (const s of sessions) if (names.has(s.class_id)) perClassDay.set(`${s.day}|${s.class_id}`, perClassDay.get(`${s.day}|${s.class_id}`) ?? new Map());
      for (const m of marks) {
        const status = m.status as MarkStatus;
        if (m.class_id && names.has(m.class_id)) {
          const key = `${m.marked_day}|${m.class_id}`;
          const best = perClassDay.get(key) ?? new Map<string, MarkStatus>();
          keep(best, m.student_id, status);
          perClassDay.set(key, best);
        }
        if (!classId && scope.all) {
          const best = perDay.get(m.marked_day) ?? new Map<string, MarkStatus>();
          keep(best, m.student_id, status);
          perDay.set(m.marked_day, best);
        }
      }
      const rosters = await rostersOf(ctx.db, [...new Set([...perClassDay.keys()].map((k) => k.split('|')[1]!))]);
      const days: DailyStat[] = [];
      for (const [key, best] of perClassDay) {
        const [day, id] = key.split('|') as [string, string];
        // Named so the office can act on "Absent 3" without a second lookup.
        const absentStudents = (rosters.get(id) ?? [])
          .filter((r) => {
            const st = best.get(r.studentId);
            return st === undefined || st === 'absent';
          })
          .sort((a, b) => a.name.localeCompare(b.name));
        days.push({ day, classId: id, className: names.get(id) ?? null, ...tally(best, rosterSize.get(id) ?? 0), absentStudents });
      }
      for (const [day, best] of perDay) days.push({ day, classId: null, className: null, ...tally(best, Number(totalStudents.n)) });
      days.sort((a, b) => a.day.localeCompare(b.day) || (a.className ?? '').localeCompare(b.className ?? ''));
      return { days };
    },
  };
}
