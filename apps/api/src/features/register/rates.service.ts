// Attendance rate per student over a day range, read from the same registers as the daily
// statistics: each ended session of the student's classes is one place, their status there (no
// mark when it ended is an absence). A session still running counts for nobody until it ends.
// Rosters are today's: a student who joined a class mid-term is counted for its earlier sessions
// too (no roster history is kept).
import { finalStatus, sessionPhase, type StudentRate } from '@rollcall/contracts';
import { assertClassInScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import type { ServiceContext } from '../../shared/context.ts';
import type { RegisterService } from './register.service.ts';

export function ratesService(ctx: ServiceContext, { registers }: { registers: RegisterService }) {
  return {
    async rates(
      q: { from: string; to: string; classId?: string | undefined; below?: number | undefined },
      scope: Scope,
    ): Promise<{ items: StudentRate[]; runningSessions: number }> {
      if (q.classId) assertClassInScope(scope, q.classId);
      const now = ctx.now();
      const sessions = await registers.inDays(q.classId ? [q.classId] : scopedClassIds(scope), q.from, q.to);
      const out = new Map<string, StudentRate>();
      let runningSessions = 0;
      for (const { register } of sessions) {
        const phase = sessionPhase(register.session, now);
        if (phase === 'running') runningSessions++;
        if (phase !== 'ended') continue;
        for (const row of register.rows) {
          if (!row.onRoster) continue;
          const r = out.get(row.studentId) ?? { studentId: row.studentId, name: row.name, sessions: 0, present: 0, late: 0, excused: 0, absent: 0, rate: null };
          r.sessions++;
          r[finalStatus(row.status)]++;
          out.set(row.studentId, r);
        }
      }
      let items = [...out.values()].map((r) => ({ ...r, rate: r.sessions ? (r.present + r.late) / r.sessions : null }));
      if (q.below !== undefined)
        items = items.filter((r) => r.rate !== null && r.rate < q.below!).sort((a, b) => a.rate! - b.rate! || a.name.localeCompare(b.name));
      else items.sort((a, b) => a.name.localeCompare(b.name) || a.studentId.localeCompare(b.studentId));
      return { items, runningSessions };
    },
  };
}
