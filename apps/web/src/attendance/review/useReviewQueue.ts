// The review queue of Take attendance: the attendance controller puts new items straight into the
// device's store (their one owner), the page lists the store's items for the running session, and
// a confirm marks through the outbox unless the student already has a mark in the session, and may
// teach the gallery (confirm-review.ts).
import type { RegisterStatus } from '@rollcall/contracts';
import { services } from '../../core/services.ts';
import type { SightingLearner } from '../../matcher/learn-sightings.ts';
import type { ReviewRow } from '../../local/db.ts';
import { useLive } from '../../local/live.ts';
import { confirmReview } from './confirm-review.ts';
import { listReviews, removeReview } from './review-store.ts';

export function useReviewQueue(opts: {
  sessionId: string | null;
  classId: string | null;
  /** The page's learner: a confirmation of the student an item offered first teaches through it. */
  learner: SightingLearner;
}) {
  const { sessionId, classId, learner } = opts;
  const items = useLive(() => listReviews(services.db, sessionId, classId), [sessionId, classId], [] as ReviewRow[]);

  return {
    items,
    dismiss: (id: string) => void removeReview(services.db, id),
    /** Marks the student (a manual mark) unless they already have a status in this session; the review goes either way (confirm-review.ts). */
    confirm: (item: ReviewRow, studentId: string, current: RegisterStatus | undefined) =>
      confirmReview({ db: services.db, outbox: services.outbox, learner }, item, studentId, current),
  };
}
