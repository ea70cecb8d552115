// The review queue of Take attendance: the recogniser's new review items move into the device's
// store at once (the store is their one owner from then on), the page lists the store's items
// for the running session, and a confirm marks through the outbox unless the student already
// has a mark in the session, and may teach the gallery (confirm-review.ts).
import { useEffect, useRef, useState } from 'react';
import type { RegisterStatus } from '@rollcall/contracts';
import { services } from '../app/services.ts';
import type { SightingLearner } from '../attendance/learn-sightings.ts';
import type { ReviewRow } from '../local/db.ts';
import { subscribeLive } from '../local/live.ts';
import { confirmReview } from './confirm-review.ts';
import { addReview, listReviews, removeReview, type FreshReview } from './review-store.ts';

export function useReviewQueue<T extends FreshReview & { trackId: number }>(opts: {
  fresh: readonly T[];
  /** Removes an item from the recogniser's own list once it is stored. */
  release: (trackId: number) => void;
  sessionId: string | null;
  classId: string | null;
  /** The page's learner: a confirmation of the student an item offered first teaches through it. */
  learner: SightingLearner;
}) {
  const { fresh, release, sessionId, classId, learner } = opts;
  const [items, setItems] = useState<ReviewRow[]>([]);
  // Each item object is stored once, even if the list changes again before its release lands.
  const taken = useRef(new WeakSet<object>());
  // The latest release, read through a ref: a new function each render must not re-run the effect.
  const releaseRef = useRef(release);
  releaseRef.current = release;

  useEffect(() => {
    for (const item of fresh) {
      if (taken.current.has(item)) continue;
      taken.current.add(item);
      void addReview(services.db, item, { sessionId, classId }).then(() => releaseRef.current(item.trackId));
    }
  }, [fresh, sessionId, classId]);

  useEffect(() => subscribeLive(() => listReviews(services.db, sessionId, classId), setItems), [sessionId, classId]);

  return {
    items,
    dismiss: (id: string) => void removeReview(services.db, id),
    /** Marks the student (a manual mark) unless they already have a status in this session; the review goes either way (confirm-review.ts). */
    confirm: (item: ReviewRow, studentId: string, current: RegisterStatus | undefined) =>
      confirmReview({ db: services.db, outbox: services.outbox, learner }, item, studentId, current),
  };
}
