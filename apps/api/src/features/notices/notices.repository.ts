// SQL for absence notices: the outbox (queue, claim, settle), the school's templates and policy.
// A claim is one conditional UPDATE: of two instances racing for a row, exactly one sees it change.
import type { Notice, NoticeTemplate } from '@rollcall/contracts';
import type { NoticeOutboxTable } from '../../db/schema.ts';
import type { Executor } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';

export const toNotice = (r: NoticeOutboxTable): Notice => ({
  id: r.id,
  markId: r.mark_id,
  guardianId: r.guardian_id,
  channel: r.channel as Notice['channel'],
  recipient: r.recipient,
  language: r.language,
  day: r.day,
  state: r.state as Notice['state'],
  sendAfter: toIso(Number(r.send_after)),
  attempts: Number(r.attempts),
  subject: r.subject,
  body: r.body,
  result: r.result,
  sentAt: r.sent_at === null ? null : toIso(Number(r.sent_at)),
  createdAt: toIso(Number(r.created_at)),
});

export async function insertNotices(db: Executor, rows: NoticeOutboxTable[]): Promise<void> {
  if (rows.length) await db.insertInto('notice_outbox').values(rows).execute();
}

/** Students among these who already have a notice (not cancelled) for this day. */
export async function noticedOnDay(db: Executor, studentIds: string[], day: string): Promise<Set<string>> {
  if (!studentIds.length) return new Set();
  const rows = await db
    .selectFrom('notice_outbox')
    .select('student_id')
    .where('student_id', 'in', studentIds)
    .where('day', '=', day)
    .where('state', '!=', 'cancelled')
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

export async function listForStudent(db: Executor, studentId: string): Promise<Notice[]> {
  const rows = await db.selectFrom('notice_outbox').selectAll().where('student_id', '=', studentId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toNotice);
}

/** Ids of pending notices due now and not held by a live claim, oldest first. */
export async function dueIds(db: Executor, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('notice_outbox')
    .select('id')
    .where('state', '=', 'pending')
    .where('send_after', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('send_after')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Takes a due notice for `leaseMs`; false when another instance holds it or it was settled. */
export async function claim(db: Executor, id: string, token: string, now: number, leaseMs: number): Promise<boolean> {
  const r = await db
    .updateTable('notice_outbox')
    .set((eb) => ({ claim_token: token, claimed_until: now + leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('send_after', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findNotice(db: Executor, id: string): Promise<NoticeOutboxTable | undefined> {
  return db.selectFrom('notice_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Settles a claimed notice; only the holder of the claim may (false: the claim was lost). */
export async function settle(
  db: Executor,
  id: string,
  token: string,
  change: Partial<Pick<NoticeOutboxTable, 'state' | 'send_after' | 'subject' | 'body' | 'result' | 'sent_at'>>,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('notice_outbox')
    .set({ ...change, claim_token: null, claimed_until: null, updated_at: now })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function readTemplates(db: Executor): Promise<NoticeTemplate[]> {
  const rows = await db.selectFrom('notice_templates').select(['language', 'subject', 'body']).orderBy('language').execute();
  return rows;
}

export async function findTemplate(db: Executor, language: string): Promise<NoticeTemplate | undefined> {
  return db.selectFrom('notice_templates').select(['language', 'subject', 'body']).where('language', '=', language).executeTakeFirst();
}

export async function upsertTemplate(db: Executor, t: NoticeTemplate, at: number): Promise<void> {
  const r = await db
    .updateTable('notice_templates')
    .set({ subject: t.subject, body: t.body, updated_at: at })
    .where('language', '=', t.language)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    await db
      .insertInto('notice_templates')
      .values({ ...t, updated_at: at })
      .execute();
}

export async function deleteTemplates(db: Executor, languages: string[]): Promise<void> {
  if (languages.length) await db.deleteFrom('notice_templates').where('language', 'in', languages).execute();
}

/** Retention: notices queued before this instant, whatever became of them. */
export async function purgeNoticesBefore(db: Executor, before: number): Promise<number> {
  const r = await db.deleteFrom('notice_outbox').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
