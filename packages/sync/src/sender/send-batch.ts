// Sends one batch and settles every mark in it: confirmed marks leave the outbox, rejected ones
// are set aside, and a batch the API refuses as a whole (400) is split in halves until the
// poisoned marks are alone, so the good marks around them still go through.
import type { MarkResult, NewMark } from '@rollcall/contracts';
import type { Outbox } from '../outbox/outbox.ts';
import type { FailureReason, MarkFailure } from '../outbox/outbox-store.ts';
import type { MarkTransport } from '../transport/transport.ts';
import { asClientError, ClientError } from '@rollcall/contracts';
import { failureAction } from '../transport/failure-action.ts';

export interface BatchOutcome {
  /** Marks the API confirmed (accepted or duplicate) and the outbox forgot. */
  confirmed: number;
  /** Marks set aside as failed. */
  failed: number;
  /** Requests made, splits included. */
  requests: number;
}

const REJECT_REASONS = new Set<FailureReason>(['student-not-found', 'session-not-found', 'forbidden', 'time-out-of-range']);

/**
 * Settles `marks`, or throws the ClientError that stopped it (retry later, or unauthorized).
 * Marks settled before the error stay settled, and are counted in `outcome` (pass your own to
 * keep the counts when it throws); the rest stay pending.
 */
export async function sendBatch(
  marks: NewMark[],
  transport: MarkTransport,
  outbox: Outbox,
  outcome: BatchOutcome = { confirmed: 0, failed: 0, requests: 0 },
): Promise<BatchOutcome> {
  await settle(marks, transport, outbox, outcome);
  return outcome;
}

async function settle(marks: NewMark[], transport: MarkTransport, outbox: Outbox, outcome: BatchOutcome): Promise<void> {
  let results: MarkResult[];
  try {
    outcome.requests++;
    outbox.setSending(marks.length);
    try {
      results = (await transport.postMarks(marks)).results;
    } finally {
      outbox.setSending(0);
    }
  } catch (e) {
    const err = asClientError(e);
    if (failureAction(err) !== 'split') throw err;
    if (marks.length === 1) {
      await outbox.fail([{ id: marks[0]!.id, reason: 'invalid', detail: `${err.code}: ${err.message}` }]);
      outcome.failed++;
      return;
    }
    // Halves in order, one after the other: a retryable failure in the first half stops the second.
    const mid = Math.ceil(marks.length / 2);
    await settle(marks.slice(0, mid), transport, outbox, outcome);
    await settle(marks.slice(mid), transport, outbox, outcome);
    return;
  }

  const byId = new Map(results.map((r) => [r.id, r]));
  const confirmed: string[] = [];
  const failures: MarkFailure[] = [];
  let unanswered = 0;
  for (const m of marks) {
    const r = byId.get(m.id);
    if (!r) unanswered++;
    else if (r.status === 'rejected') {
      const reason = r.reason && REJECT_REASONS.has(r.reason as FailureReason) ? (r.reason as FailureReason) : 'rejected';
      failures.push({ id: m.id, reason, detail: `the API rejected it${r.reason ? ` (${r.reason})` : ''}` });
    } else confirmed.push(m.id);
  }
  await outbox.confirm(confirmed);
  await outbox.fail(failures);
  outcome.confirmed += confirmed.length;
  outcome.failed += failures.length;
  // Leave the unanswered marks pending, and back off instead of resending them in a tight loop.
  if (unanswered) throw new ClientError('bad-response', `the API answered for ${marks.length - unanswered} of ${marks.length} marks`, { status: 200 });
}
