// Where the statistics' figures come from: the summary (0016) for the class-days it holds at their
// class's current epoch, the registers counted live (stats.repository.ts) for the rest. Both give
// the rows the live queries give, so the daily statistics and the rates add them up as before.
//
// A class-day is summarised only once it has settled: every session of it started and ended at
// least SETTLE_MS ago. Until then it is counted live (today, a running session, one never ended).
// A missing or outdated summary is computed on the read that needs it, by the live queries, and
// stored at the epoch read BEFORE computing: a write that commits meanwhile raises the epoch, so a
// row computed from older data is never trusted (shared/summary-epochs.repository.ts).
import { finalStatus, type RegisterStatus } from '@rollcall/contracts';
import { isRetryableConflict, withRetry } from '../../shared/db-errors.ts';
import type { Executor } from '../../shared/context.ts';
import { classDayBatches, classDayKey, type ClassDay } from './class-day-batches.ts';
import * as summary from './stats-summary.repository.ts';
import * as live from './stats.repository.ts';

/**
 * How long after a class-day's last session ended it may be summarised. A mark posted into a
 * session just before it ended raises no epoch (the morning's ingest pays nothing for the summary)
 * and may commit just after the end: a settle time longer than any transaction closes that race.
 * A session's end edited (PATCH) to an hour or more ago while a mark into it is in flight cannot
 * slip through either: the mark's transaction holds a shared lock on the session, so the edit
 * waits for it to commit (and raises the epoch after), or the mark waits for the edit and raises it.
 */
export const SETTLE_MS = 60 * 60_000;

const MARK_STATUSES = ['present', 'late', 'excused', 'absent'] as const;

/** A class deleted while its summaries were computed: nothing to keep. */
const isForeignKeyViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_NO_REFERENCED_ROW' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
};

/** The summaries of these settled class-days, computed by the live queries and tagged with the epochs read before. */
export async function computeSummaries(db: Executor, r: live.StatsRange, classDays: readonly ClassDay[], epochs: ReadonlyMap<string, number>) {
  const wanted = new Set(classDays.map((c) => classDayKey(c.classId, c.day)));
  const rows = new Map<string, summary.SummaryRow>();
  const statuses: summary.StudentStatusRow[] = [];
  for (const b of classDayBatches(classDays)) {
    const range = { ...b, now: r.now };
    const [sessions, places, notPresent] = await Promise.all([
      live.sessionCounts(db, range),
      live.placeCounts(db, range),
      live.classDayStudentStatuses(db, range, { withPresent: false }),
    ]);
    const changed = new Set<string>();
    for (const s of sessions) {
      const key = classDayKey(s.classId, s.day);
      if (!wanted.has(key)) continue;
      // A session running again (its end moved) since the class-day was found settled: not now.
      if (s.phase !== 'ended') changed.add(key);
      const row = rows.get(key) ?? {
        class_id: s.classId,
        day: s.day,
        epoch: epochs.get(s.classId) ?? 0,
        sessions: 0,
        expected: 0,
        present: 0,
        late: 0,
        excused: 0,
        absent: 0,
      };
      row.sessions += s.n;
      rows.set(key, row);
    }
    for (const p of places) {
      const row = rows.get(classDayKey(p.classId, p.day));
      if (!row || p.phase !== 'ended') continue;
      row.expected += p.n;
      // As the daily statistics count it: not seen when the session ended is absent.
      row[finalStatus((p.status ?? 'not-seen') as RegisterStatus)] += p.n;
    }
    for (const key of changed) rows.delete(key);
    for (const s of notPresent)
      if (rows.has(classDayKey(s.classId, s.day)))
        statuses.push({ class_id: s.classId, day: s.day, epoch: epochs.get(s.classId) ?? 0, student_id: s.studentId, status: s.status ?? 'not-seen', n: s.n });
  }
  return { summaries: [...rows.values()], statuses };
}

/**
 * Stores computed summaries and sweeps their classes' outdated student statuses. A store that keeps
 * losing lock races to another instance filling the same rows gives up: the rows stay missing and
 * the next call computes them again; this call has its figures either way.
 */
export async function storeSummaries(db: Executor, computed: Awaited<ReturnType<typeof computeSummaries>>) {
  if (computed.summaries.length === 0) return;
  const days = computed.summaries.map((s) => s.day).sort();
  try {
    await withRetry(3, () => summary.writeSummaries(db, computed.summaries, computed.statuses));
    await withRetry(3, () => summary.sweepStatuses(db, [...new Set(computed.summaries.map((s) => s.class_id))], days[0]!, days.at(-1)!));
  } catch (err) {
    if (!isForeignKeyViolation(err) && !isRetryableConflict(err)) throw err;
  }
}

/** Fills these class-days' summaries a batch at a time: a district's first call holds one batch in memory, not its term. */
async function fill(db: Executor, r: live.StatsRange, missing: readonly ClassDay[], epochs: ReadonlyMap<string, number>) {
  for (const b of classDayBatches(missing)) {
    const classes = new Set(b.classIds);
    const inBatch = missing.filter((c) => c.day >= b.from && c.day <= b.to && classes.has(c.classId));
    await storeSummaries(db, await computeSummaries(db, r, inBatch, epochs));
  }
}

/**
 * Brings the summary of the range up to date and says which class-days it holds (trusted) and which
 * must be counted live: not settled, or outdated again by a write while being filled.
 */
async function prepare(db: Executor, r: live.StatsRange) {
  // The epochs first: whatever is computed below is tagged with what they were before it.
  const epochs = await summary.currentEpochs(db, r.classIds);
  const classDays = await summary.classDays(db, r, r.now - SETTLE_MS);
  let trusted = await summary.trustedSummaries(db, r);
  const held = (rows: typeof trusted) => new Set(rows.map((t) => classDayKey(t.classId, t.day)));
  const before = held(trusted);
  const missing = classDays.filter((c) => c.settled && !before.has(classDayKey(c.classId, c.day)));
  if (missing.length) {
    await fill(db, r, missing, epochs);
    trusted = await summary.trustedSummaries(db, r);
  }
  const keys = missing.length ? held(trusted) : before;
  const rest = classDays.filter((c) => !keys.has(classDayKey(c.classId, c.day)));
  return { trusted, rest, restKeys: new Set(rest.map((c) => classDayKey(c.classId, c.day))) };
}

/** Runs a live query over the batches of these class-days, keeping the rows of those class-days only. */
async function liveRows<T extends { classId: string; day: string }>(
  r: live.StatsRange,
  rest: readonly ClassDay[],
  keys: ReadonlySet<string>,
  query: (range: live.StatsRange) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (const b of classDayBatches(rest)) for (const row of await query({ ...b, now: r.now })) if (keys.has(classDayKey(row.classId, row.day))) out.push(row);
  return out;
}

/** The daily statistics' rows (as sessionCounts, placeCounts and absentees give them), from the summary where it holds. */
export async function dailyRows(db: Executor, r: live.StatsRange) {
  const { trusted, rest, restKeys } = await prepare(db, r);
  const [absent, liveSessions, livePlaces, liveAbsent] = await Promise.all([
    summary.trustedAbsentees(db, r),
    liveRows(r, rest, restKeys, (range) => live.sessionCounts(db, range)),
    liveRows(r, rest, restKeys, (range) => live.placeCounts(db, range)),
    liveRows(r, rest, restKeys, (range) => live.absentees(db, range)),
  ]);
  const sessions = trusted.map((t) => ({ day: t.day, classId: t.classId, className: t.className, phase: 'ended' as live.StatsPhase, n: t.sessions }));
  const places = trusted.flatMap((t) =>
    MARK_STATUSES.filter((status) => t[status] > 0).map((status) => ({
      day: t.day,
      classId: t.classId,
      phase: 'ended' as live.StatsPhase,
      status: status as string | null,
      n: t[status],
    })),
  );
  return { sessions: [...sessions, ...liveSessions], places: [...places, ...livePlaces], absent: [...absent, ...liveAbsent] };
}

/** Each roster student's statuses over the ended sessions in range (as studentStatusCounts gives them), from the summary where it holds. */
export async function studentStatusRows(db: Executor, r: live.StatsRange) {
  const { rest, restKeys } = await prepare(db, r);
  const [sessions, statuses, liveStatuses] = await Promise.all([
    summary.trustedStudentSessions(db, r),
    summary.trustedStudentStatuses(db, r),
    liveRows(r, rest, restKeys, (range) => live.classDayStudentStatuses(db, range, { withPresent: true })),
  ]);
  // Present is what is left of a student's sessions once the other statuses are counted.
  const notPresent = new Map<string, number>();
  for (const s of statuses) notPresent.set(s.studentId, (notPresent.get(s.studentId) ?? 0) + s.n);
  const names = new Map(sessions.map((s) => [s.studentId, s.name]));
  return [
    ...sessions.map((s) => ({ studentId: s.studentId, name: s.name, status: 'present' as string | null, n: s.n - (notPresent.get(s.studentId) ?? 0) })),
    ...statuses
      .filter((s) => names.has(s.studentId))
      .map((s) => ({ studentId: s.studentId, name: names.get(s.studentId)!, status: s.status as string | null, n: s.n })),
    ...liveStatuses.map((s) => ({ studentId: s.studentId, name: s.name, status: s.status, n: s.n })),
  ];
}
