// Attendance rate per student over a day range, counted in SQL by the registers' own rules, as
// the daily statistics are: each ended session of the student's classes is one place, their status
// there (no mark when it ended is an absence). A session still running counts for nobody until it
// ends. Rosters are today's: a student who joined a class mid-term is counted for its earlier
// sessions too (no roster history is kept). Settled class-days are read from the statistics
// summary (a student's sessions there are their classes' summarised sessions, present what their
// other statuses leave), the rest counted live; `live: true` counts everything live.
import { finalStatus, type RegisterStatus, type StudentRate } from '@rollcall/contracts';
import { assertClassInScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import type { ServiceContext } from '../../shared/context.ts';
import type { StatsOptions, StatsService } from '../attendance/stats.service.ts';

export function ratesService(ctx: ServiceContext, { stats }: { stats: StatsService }) {
  return {
    async rates(
      q: { from: string; to: string; classId?: string | undefined; below?: number | undefined },
      scope: Scope,
      opts: StatsOptions = {},
    ): Promise<{ items: StudentRate[]; runningSessions: number }> {
      if (q.classId) assertClassInScope(scope, q.classId);
      const range = { classIds: q.classId ? [q.classId] : scopedClassIds(scope), from: q.from, to: q.to, now: ctx.now() };
      // Counted by the database, a few rows per student: never every register of the range in memory.
      const [counts, runningSessions] = await Promise.all([stats.studentStatusCounts(range, opts), stats.runningSessionCount(range)]);
      const out = new Map<string, StudentRate>();
      for (const c of counts) {
        const r = out.get(c.studentId) ?? { studentId: c.studentId, name: c.name, sessions: 0, present: 0, late: 0, excused: 0, absent: 0, rate: null };
        r.sessions += c.n;
        r[finalStatus((c.status ?? 'not-seen') as RegisterStatus)] += c.n;
        out.set(c.studentId, r);
      }
      let items = [...out.values()].map((r) => ({ ...r, rate: r.sessions ? (r.present + r.late) / r.sessions : null }));
      if (q.below !== undefined)
        items = items.filter((r) => r.rate !== null && r.rate < q.below!).sort((a, b) => a.rate! - b.rate! || a.name.localeCompare(b.name));
      else items.sort((a, b) => a.name.localeCompare(b.name) || a.studentId.localeCompare(b.studentId));
      return { items, runningSessions };
    },
  };
}
