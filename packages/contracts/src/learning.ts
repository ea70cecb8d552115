// What lets a frame join a student's gallery as a learned embedding: one set of numbers and one
// rule for the browser that chooses what to send (the recognition core's learn.ts) and the API that
// decides what to take, so a device cannot teach what the page would never have sent.
import { dot } from './vector.ts';

/** Learned embeddings a student may hold (enrolment photos do not count against it). */
export const MAX_LEARNED_PER_STUDENT = 6;

export interface LearnParams {
  /** Lead of the mark's score over the best other student (no runner-up counts as a clear lead). */
  minLead: number;
  /** The mark's score must also clear this (at least the threshold it was marked at). */
  minScore: number;
  /** Embeddings taken from one sighting. */
  perSighting: number;
  /** Learned embeddings a student may hold in all; enrolment photos do not count against it. */
  perStudent: number;
  /** A frame this similar (cosine) to one the student already has adds nothing new and is skipped. */
  maxSimilarity: number;
}

// Leads: twice the matching margin (0.02), so a learned mark stood clear of anyone else by more than
// the margin that already decided it. The cap keeps a student's gallery mostly their enrolment.
// 0.985 sits below every near-copy of a frame (`pnpm rollcall variety`: a second frame of the same
// picture embeds at 0.9916 or more on orl, twd and yale, 1st percentile; variety.ts's NEAR_COPY is
// 0.99), so a near-copy of what the student has is never learned, and it also skips views only a
// little different (two photos of one person: median 0.948-0.984). 0.96 is the shipped model's
// matching threshold.
const CLEAR_MARK: LearnParams = { minLead: 0.04, minScore: 0.96, perSighting: 2, perStudent: MAX_LEARNED_PER_STUDENT, maxSimilarity: 0.985 };

/**
 * By how each was confirmed. A teacher's confirmation: the same rules from a score in the review
 * band, whose floor is where a face is still offered by name (threshold 0.96 less the core's
 * lowerBand 0.01; learn.test.ts checks the two agree): a lower score was never shown to the teacher
 * as this student.
 */
export const LEARN_RULES = {
  'clear-mark': CLEAR_MARK,
  'review-confirmed': { ...CLEAR_MARK, minScore: 0.95 },
} as const satisfies Record<string, LearnParams>;

/** Whether `v` adds nothing to `have`: as close as a second frame of one picture to something already there. */
export function isNearCopy(v: ArrayLike<number>, have: readonly ArrayLike<number>[], p: Pick<LearnParams, 'maxSimilarity'>): boolean {
  return have.some((h) => dot(h, v) > p.maxSimilarity);
}

/** Why the API refuses a learned embedding (the details of a 'learning-refused' error). */
export type LearningRefusal =
  /** The student has no enrolment photo of this model: learning only adds views to an admin's enrolment. */
  | 'no-enrolment'
  /** Not like enough the student's enrolment photos. */
  | 'unlike-student'
  /** No clear lead over a classmate: it could be them. */
  | 'close-to-classmate'
  /** A near-copy of what the student already holds. */
  | 'near-copy'
  /** No accepted mark of this student by this caller, made at that sighting and received lately. */
  | 'no-sighting'
  /** Seen later than now. */
  | 'sighted-in-future';

/** What the API holds for one student when it judges a posted vector (all of one model, unit length). */
export interface LearningGallery {
  /** The student's enrolment photos. */
  enrolled: readonly ArrayLike<number>[];
  /** Everything the student holds now, enrolled and learned (and what the same post already took). */
  held: readonly ArrayLike<number>[];
  /** Every embedding of the other students the vector could be confused with. */
  rivals: readonly ArrayLike<number>[];
}

const best = (v: ArrayLike<number>, of: readonly ArrayLike<number>[]) => of.reduce((m, x) => Math.max(m, dot(x, v)), Number.NEGATIVE_INFINITY);

/**
 * The rule the API applies to one posted vector, from what it holds itself: a frame scored against
 * the enrolment photos (the best of them), a lead over the best rival, and something new. Null: it
 * may be learned.
 */
export function learningRefusal(
  v: ArrayLike<number>,
  g: LearningGallery,
  p: LearnParams,
): Exclude<LearningRefusal, 'no-sighting' | 'sighted-in-future'> | null {
  if (g.enrolled.length === 0) return 'no-enrolment';
  const score = best(v, g.enrolled);
  if (score < p.minScore) return 'unlike-student';
  if (score - best(v, g.rivals) < p.minLead) return 'close-to-classmate';
  if (isNearCopy(v, g.held, p)) return 'near-copy';
  return null;
}
