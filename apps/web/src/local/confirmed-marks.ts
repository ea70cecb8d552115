// The marks the server confirmed it holds, kept on the laptop until a register asked for after the
// confirmation has them: the sender forgets a mark the moment it is confirmed, and a register
// fetched (or kept) a second earlier lacks it, so without these a reload offline shows one fewer.
// Written before the sender takes the mark out of the outbox, so no moment has it in neither.
import { z } from 'zod';
import { NewMark, RegisterStatus, Uuid, type MarkResult } from '@rollcall/contracts';
import type { MarkTransport } from '@rollcall/sync';
import type { MetaRow, RollcallDb } from './db.ts';

const ConfirmedMark = z.object({
  mark: NewMark,
  /** The status the server gave it; null when it answered that it had the mark already (decide it as a waiting mark's). */
  status: RegisterStatus.nullable(),
  /** The server's id of the student's mark it changed, else its own. */
  markId: Uuid,
  /** When the confirmation reached this device (epoch ms, the clock registers are asked for by). */
  confirmedAt: z.number(),
});
export type ConfirmedMark = z.infer<typeof ConfirmedMark>;

/** Under the kept registers' prefix, so forgetting them (a device wipe) forgets these too. */
const PREFIX = 'register.confirmed.';
/** A session never fetched again (the laptop moved to another class) does not keep its marks for ever. */
const KEEP_MS = 24 * 60 * 60_000;

/**
 * The marks of a session register that the server holds as sent: accepted ones, and ones it had
 * received before (a resend after a lost answer). A duplicate for another reason (the student
 * was marked already) and a rejected mark changed nothing, and must not be shown as if they had.
 */
export function confirmationsOf(marks: readonly NewMark[], results: readonly MarkResult[], at: number): ConfirmedMark[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const out: ConfirmedMark[] = [];
  for (const mark of marks) {
    const r = byId.get(mark.id);
    if (!r || !mark.sessionId) continue;
    const held = r.status === 'accepted' || (r.status === 'duplicate' && r.reason === 'already-received');
    if (!held) continue;
    out.push({ mark, status: r.status === 'accepted' ? (r.markStatus ?? null) : null, markId: r.existingId ?? mark.id, confirmedAt: at });
  }
  return out;
}

/** The kept rows, each read back through the schema (null: a row that no longer fits, to be dropped). */
async function readAll(db: RollcallDb): Promise<{ key: string; value: ConfirmedMark | null }[]> {
  const rows: MetaRow[] = await db.meta.where('key').startsWith(PREFIX).toArray();
  return rows.map((r) => {
    const parsed = ConfirmedMark.safeParse(r.value);
    return { key: r.key, value: parsed.success ? parsed.data : null };
  });
}

/** Drops the kept rows `done` says are no longer needed (and any that no longer fit). */
async function forget(db: RollcallDb, done: (c: ConfirmedMark) => boolean): Promise<void> {
  const gone = (await readAll(db)).filter((r) => r.value === null || done(r.value));
  if (gone.length) await db.meta.bulkDelete(gone.map((r) => r.key));
}

export async function noteConfirmed(db: RollcallDb, confirmed: readonly ConfirmedMark[], now: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.bulkPut(confirmed.map((c) => ({ key: PREFIX + c.mark.id, value: c })));
    await forget(db, (c) => c.confirmedAt < now - KEEP_MS);
  });
}

/** Every confirmed mark kept, oldest confirmation first (the order the server applied them in). */
export async function confirmedMarks(db: RollcallDb): Promise<ConfirmedMark[]> {
  return (await readAll(db)).flatMap((r) => (r.value ? [r.value] : [])).sort((a, b) => a.confirmedAt - b.confirmedAt);
}

/** A register of the session asked for at `askedAt` holds the marks confirmed before then: they go. */
export function forgetConfirmedBefore(db: RollcallDb, sessionId: string, askedAt: number): Promise<void> {
  return forget(db, (c) => c.mark.sessionId === sessionId && c.confirmedAt < askedAt);
}

/**
 * The sender's transport, noting each batch's confirmed marks before the sender hears of them (and
 * takes them out of the outbox). A note that cannot be written fails the batch: the sender sends it
 * again, and the server's answer that it has the marks already is noted then.
 */
export function notingConfirmations(transport: MarkTransport, db: RollcallDb, now: () => number = Date.now): MarkTransport {
  return {
    async postMarks(marks, opts) {
      const answer = await transport.postMarks(marks, opts);
      const at = now();
      const confirmed = confirmationsOf(marks, answer.results, at);
      if (confirmed.length) await noteConfirmed(db, confirmed, at);
      return answer;
    },
  };
}
