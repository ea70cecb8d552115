// Daily statistics, read from the registers so that they say what the registers say. For each
// class and school day with a session: the ended sessions' places (roster students times sessions)
// split into present, late, excused and absent, and any session still running apart, "so far".
// Marks made outside a session (day marks) belong to no register and count nowhere here: a
// student with no session that day is not absent. A row with classId null adds the classes up.
import { finalStatus, sessionPhase, type DailyStat, type Register } from '@rollcall/contracts';
import type { ServiceContext } from '../../shared/context.ts';
import { assertClassInScope, scopedClassIds, type Scope } from '../../shared/actor.ts';
import type { RegisterService } from '../register/register.service.ts';

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

/** Adds one session's register to a day's tally: final figures when it has ended, "so far" while it runs. */
function add(t: Tally, reg: Register, now: number) {
  const phase = sessionPhase(reg.session, now);
  if (phase === 'upcoming') return;
  const roster = reg.rows.filter((r) => r.onRoster);
  if (phase === 'running') {
    const r = t.running ?? { sessions: 0, here: 0, total: 0 };
    t.running = { sessions: r.sessions + 1, here: r.here + reg.counts.here, total: r.total + reg.counts.total };
    return;
  }
  t.sessions++;
  t.expected += roster.length;
  for (const row of roster) {
    const status = finalStatus(row.status);
    t[status]++;
    if (status === 'absent') t.absentees.set(row.studentId, row.name);
  }
}

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

export function statsService(ctx: ServiceContext, { registers }: { registers: RegisterService }) {
  return {
    async daily(from: string, to: string, classId: string | undefined, scope: Scope): Promise<{ days: DailyStat[] }> {
      if (classId) assertClassInScope(scope, classId);
      const now = ctx.now();
      const sessions = await registers.inDays(classId ? [classId] : scopedClassIds(scope), from, to);
      const perClassDay = new Map<string, Tally>();
      for (const { day, register } of sessions) {
        if (sessionPhase(register.session, now) === 'upcoming') continue;
        const key = `${day}|${register.session.classId}`;
        const t = perClassDay.get(key) ?? empty(day, register.session.classId, register.className);
        add(t, register, now);
        perClassDay.set(key, t);
      }
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
