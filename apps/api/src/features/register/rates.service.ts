// Attendance rate per student over a day range: for each session of the student's classes that
// counts (ended, or still running and the student already has a mark), their status there; no
// mark in an ended session is an absence. Rosters are today's: a student who joined a class
// mid-term is counted for its earlier sessions too (no roster history is kept).
import type { MarkStatus, StudentRate } from '@rollcall/contracts';
import { assertClassInScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import type { ServiceContext } from '../../shared/context.ts';
import * as repo from './register.repository.ts';

export function ratesService(ctx: ServiceContext) {
  return {
    async rates(q: { from: string; to: string; classId?: string | undefined; below?: number | undefined }, scope: Scope): Promise<{ items: StudentRate[] }> {
      if (q.classId) assertClassInScope(scope, q.classId);
      const now = ctx.now();
      const classFilter = q.classId ? [q.classId] : scopedClassIds(scope);
      const sessions = (await repo.sessionsInDays(ctx.db, classFilter, q.from, q.to)).filter((s) => Number(s.starts_at) <= now);
      const rosters = await repo.rostersOf(ctx.db, [...new Set(sessions.map((s) => s.class_id))]);
      const statuses = new Map(
        (
          await repo.statusesIn(
            ctx.db,
            sessions.map((s) => s.id),
          )
        ).map((m) => [`${m.session_id}|${m.student_id}`, m.status as MarkStatus]),
      );
      const out = new Map<string, StudentRate>();
      for (const s of sessions) {
        const ended = s.ends_at !== null && Number(s.ends_at) <= now;
        for (const student of rosters.get(s.class_id) ?? []) {
          const status = statuses.get(`${s.id}|${student.studentId}`) ?? (ended ? 'absent' : undefined);
          if (!status) continue;
          const r = out.get(student.studentId) ?? {
            studentId: student.studentId,
            name: student.name,
            sessions: 0,
            present: 0,
            late: 0,
            excused: 0,
            absent: 0,
            rate: null,
          };
          r.sessions++;
          r[status]++;
          out.set(student.studentId, r);
        }
      }
      let items = [...out.values()].map((r) => ({ ...r, rate: r.sessions ? (r.present + r.late) / r.sessions : null }));
      if (q.below !== undefined)
        items = items.filter((r) => r.rate !== null && r.rate < q.below!).sort((a, b) => a.rate! - b.rate! || a.name.localeCompare(b.name));
      else items.sort((a, b) => a.name.localeCompare(b.name) || a.studentId.localeCompare(b.studentId));
      return { items };
    },
  };
}
