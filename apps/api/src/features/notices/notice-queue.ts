// Queues absence notices when a session ends, inside the transaction that marks the absences: an
// ended session and its notices commit together or not at all. One notice per student, guardian,
// channel and day; the policy decides whether this absence earns one and when it may go.
import { randomUUID } from 'node:crypto';
import type { NoticeChannel } from '@rollcall/contracts';
import type { NoticeOutboxTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
import { readPolicy, type NoticePolicy } from './notice-policy.ts';
import type { NoticesDeps } from './notices-deps.ts';
import { insertNotices, noticedOnDay } from './notices.repository.ts';

type Channel = NoticeChannel;

/** Without a term around the day, unexplained absences are counted over this many days before it. */
const NO_TERM_WINDOW_DAYS = 90;

async function termStart(db: Executor, day: string, { timetable }: NoticesDeps): Promise<string> {
  const first = await timetable.termFirstDay(db, day);
  if (first) return first;
  return new Date(Date.parse(`${day}T00:00:00Z`) - NO_TERM_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** Students among these with at least `threshold` unexplained absences from the term's start to `day`. */
async function overThreshold(db: Executor, studentIds: string[], day: string, threshold: number, deps: NoticesDeps): Promise<Set<string>> {
  const from = await termStart(db, day, deps);
  const rows = await deps.attendance.unexplainedCounts(db, studentIds, from, day);
  return new Set(rows.filter((r) => Number(r.n) >= threshold).map((r) => r.student_id));
}

/** When a notice for an absence in a session that ended at `endedAt` on `day` may go. */
export function sendAfter(policy: NoticePolicy, day: string, endedAt: number): number {
  const afterDelay = endedAt + policy.delayMinutes * 60_000;
  if (policy.trigger !== 'day') return afterDelay;
  // "YYYY-MM-DDTHH:MM:00" without a zone is the server's local time: the school's wall clock.
  return Math.max(afterDelay, Date.parse(`${day}T${policy.dayEndsAt}:00`));
}

/** Queues the notices this ended session earns; the caller holds the roster's students locked. Returns how many. */
export async function queueSessionNotices(trx: Executor, sessionId: string, channels: readonly Channel[], now: number, deps: NoticesDeps): Promise<number> {
  if (!channels.length) return 0;
  const session = await deps.sessions.findSession(trx, sessionId);
  if (!session || session.ends_at === null) return 0;
  const marks = await deps.attendance.unexplainedInSession(trx, sessionId);
  const markOf = new Map<string, string>();
  for (const m of marks) if (!markOf.has(m.student_id)) markOf.set(m.student_id, m.id);
  if (!markOf.size) return 0;

  const policy = await readPolicy(trx, deps.settings);
  let students = [...markOf.keys()];
  if (policy.trigger === 'term-threshold') {
    const over = await overThreshold(trx, students, session.day, policy.threshold, deps);
    students = students.filter((s) => over.has(s));
  }
  const already = await noticedOnDay(trx, students, session.day);
  students = students.filter((s) => !already.has(s));
  if (!students.length) return 0;

  const guardians = await deps.guardianContacts.contactable(trx, students);
  // A session ended after the fact (an earlier endsAt) still leaves the delay for a reason to arrive.
  const due = sendAfter(policy, session.day, Math.max(Number(session.ends_at), now));
  const rows: NoticeOutboxTable[] = [];
  for (const g of guardians) {
    for (const channel of channels) {
      const recipient = channel === 'email' ? g.email : g.phone;
      if (!recipient) continue;
      rows.push({
        id: randomUUID(),
        mark_id: markOf.get(g.student_id)!,
        guardian_id: g.id,
        student_id: g.student_id,
        channel,
        recipient,
        language: g.language ?? policy.defaultLanguage,
        day: session.day,
        state: 'pending',
        send_after: due,
        attempts: 0,
        claim_token: null,
        claimed_until: null,
        subject: null,
        body: null,
        result: null,
        sent_at: null,
        created_at: now,
        updated_at: now,
      });
    }
  }
  await insertNotices(trx, rows);
  return rows.length;
}
