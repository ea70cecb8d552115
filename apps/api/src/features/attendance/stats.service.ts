// Daily statistics that say what the registers say, counted in SQL (stats.repository.ts). For each
// class and school day with a session: the ended sessions' places (roster students times sessions)
// split into present, late, excused and absent, and any session still running apart, "so far".
// Marks made outside a session (day marks) belong to no register and count nowhere here: a
// student with no session that day is not absent. A row with classId null adds the classes up.
// The figures of a settled class-day come from its summary (stats-summary.ts), kept equal to the
// live count by epochs; `live: true` counts everything from the registers instead.
import { finalStatus, type DailyStat, type RegisterStatus } from '@rollcall/contracts';
import type { Executor, ServiceContext } from '../../shared/context.ts';
import { assertClassInScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import * as repo from './stats.repository.ts';
import * as summarised from './stats-summary.ts';
import { warmSummary, type WarmOptions } from './stats-summary-warm.ts';

type Tally = Omit<DailyStat, 'rate' | 'absentStudents'> & { absentees: Map<string, string> };

const empty = (day: string, classId: string | null, className: string | null): Tally => ({
  day,
  classId,
  className,
  sessions: 0,
  expected: 0,
  present: 0,
  late: 0,
  excused: 0,
  absent: 0,
  running: null,
  absentees: new Map(),
});

function addUp(into: Tally, t: Tally) {
  into.sessions += t.sessions;
  into.expected += t.expected;
  into.present += t.present;
  into.late += t.late;
  into.excused += t.excused;
  into.absent += t.absent;
  if (t.running) {
    const r = into.running ?? { sessions: 0, here: 0, total: 0 };
    into.running = { sessions: r.sessions + t.running.sessions, here: r.here + t.running.here, total: r.total + t.running.total };
  }
}

function toStat({ absentees, ...t }: Tally, named: boolean): DailyStat {
  const rate = t.expected ? (t.present + t.late) / t.expected : null;
  if (!named) return { ...t, rate };
  // Named so the office can act on "Absent 3" without a second lookup.
  const absentStudents = [...absentees].map(([studentId, name]) => ({ studentId, name })).sort((a, b) => a.name.localeCompare(b.name));
  return { ...t, rate, absentStudents };
}

export interface StatsOptions {
  /** Count everything from the registers, passing the summary by: what the summary must equal (tests, the benchmark). */
  live?: boolean;
}

async function liveRows(db: Executor, range: repo.StatsRange) {
  const [sessions, places, absent] = await Promise.all([repo.sessionCounts(db, range), repo.placeCounts(db, range), repo.absentees(db, range)]);
  return { sessions, places, absent };
}

export function statsService(ctx: ServiceContext) {
  return {
    /** Each roster student's statuses over the ended sessions in range, counted (for the per-student rates). */
    studentStatusCounts: (range: repo.StatsRange, opts: StatsOptions = {}) =>
      opts.live ? repo.studentStatusCounts(ctx.db, range) : summarised.studentStatusRows(ctx.db, range),
    /**
     * Fills the summary of every settled class-day of the whole school that holds none, newest days
     * first, a batch at a time: run in the background (stats-summary-warmer.ts) so reads find it warm.
     */
    warmSummary: (opts: WarmOptions = {}) => warmSummary(ctx.db, ctx.now(), opts),
    /** How many sessions in range have started and not ended. */
    runningSessionCount: (range: repo.StatsRange) => repo.runningSessionCount(ctx.db, range),

    async daily(from: string, to: string, classId: string | undefined, scope: Scope, opts: StatsOptions = {}): Promise<{ days: DailyStat[] }> {
      if (classId) assertClassInScope(scope, classId);
      const range = { classIds: classId ? [classId] : scopedClassIds(scope), from, to, now: ctx.now() };
      // Counted by the database: a district's term is a row per class and day from the summary, never its marks.
      const { sessions, places, absent } = opts.live ? await liveRows(ctx.db, range) : await summarised.dailyRows(ctx.db, range);
      const perClassDay = new Map<string, Tally>();
      const key = (day: string, classId: string) => `${day}|${classId}`;
      for (const s of sessions) {
        const t = perClassDay.get(key(s.day, s.classId)) ?? empty(s.day, s.classId, s.className);
        if (s.phase === 'ended') t.sessions += s.n;
        else t.running = { sessions: (t.running?.sessions ?? 0) + s.n, here: 0, total: 0 };
        perClassDay.set(key(s.day, s.classId), t);
      }
      for (const p of places) {
        const t = perClassDay.get(key(p.day, p.classId));
        if (!t) continue;
        const status = finalStatus((p.status ?? 'not-seen') as RegisterStatus);
        if (p.phase === 'ended') {
          t.expected += p.n;
          t[status] += p.n;
        } else if (t.running) {
          // "So far": the roster's size, and those already marked present or late.
          t.running.total += p.n;
          if (p.status === 'present' || p.status === 'late') t.running.here += p.n;
        }
      }
      for (const a of absent) perClassDay.get(key(a.day, a.classId))?.absentees.set(a.studentId, a.name);
      const days = [...perClassDay.values()].map((t) => toStat(t, true));
      // The whole school only for those who see every class, and only when no class was chosen.
      if (!classId && scope.all) {
        const perDay = new Map<string, Tally>();
        for (const t of perClassDay.values()) {
          const total = perDay.get(t.day) ?? empty(t.day, null, null);
          addUp(total, t);
          perDay.set(t.day, total);
        }
        days.push(...[...perDay.values()].map((t) => toStat(t, false)));
      }
      // Each day's classes by name, then the whole school's total under them.
      days.sort(
        (a, b) => a.day.localeCompare(b.day) || Number(a.classId === null) - Number(b.classId === null) || (a.className ?? '').localeCompare(b.className ?? ''),
      );
      return { days };
    },
  };
}
export type StatsService = ReturnType<typeof statsService>;
