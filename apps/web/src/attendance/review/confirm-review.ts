// A teacher confirming a review item: a manual mark through the outbox unless the student already
// has a status in the session, the item removed, and what the item kept taught to the gallery
// (learn-sightings.ts; the core's rule lets it teach only when the teacher chose the student it
// offered first).
import type { RegisterStatus } from '@rollcall/contracts';
import type { Outbox } from '@rollcall/sync';
import type { LearnOutcome, SightingLearner } from '../../matcher/learn-sightings.ts';
import { makeMark } from '../../core/marking.ts';
import type { ReviewRow, RollcallDb } from '../../local/db.ts';
import { removeReview } from './review-store.ts';

export interface ConfirmDeps {
  db: RollcallDb;
  outbox: Outbox;
  learner: Pick<SightingLearner, 'fromConfirmation'>;
}

export async function confirmReview(
  deps: ConfirmDeps,
  item: ReviewRow,
  studentId: string,
  current: RegisterStatus | undefined,
): Promise<{ status: 'marked' | 'already'; learnt: LearnOutcome | null }> {
  const already = current !== undefined && current !== 'not-seen';
  const score = item.candidates.find((c) => c.studentId === studentId)?.score ?? null;
  // Marked when the face was seen, not when the teacher got to the item: a pupil seen on time and
  // confirmed three minutes later is present, not late (the server decides late from markedAt).
  if (!already) await makeMark(deps.outbox, { studentId, sessionId: item.sessionId, similarity: score, method: 'manual', at: new Date(item.createdAt) });
  await removeReview(deps.db, item.id);
  // A student already marked by hand is still the face confirmed: it teaches either way. Last, once
  // the mark is safe and the item gone; the learner catches its own failures.
  const learnt = item.learn ? await deps.learner.fromConfirmation(item.learn, studentId, new Date(item.createdAt)) : null;
  return { status: already ? 'already' : 'marked', learnt };
}
