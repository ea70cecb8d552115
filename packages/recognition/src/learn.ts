// Learning from confirmed sightings: which of a track's embeddings a device may add to the
// student's gallery. Only a sighting that was never in doubt about who it was (every counted
// frame named the student, a clear lead over the runner-up) teaches, and only frames unlike what
// the student already has, up to a cap per student: a wrong mark learned would make the next wrong
// mark likelier. Two ways to be confirmed: a mark with a clear margin, or a teacher confirming a
// review item as the very student it offered first.
// The numbers and the similarity rule live in @rollcall/contracts (learning.ts): the API applies
// the same ones to what a device posts.
import { isNearCopy, LEARN_RULES, type LearnParams } from '@rollcall/contracts';
import type { JudgedFrame } from './judge.ts';
import type { ReviewDecision, ReviewReason } from './session.ts';

export type { LearnParams };

/** A clear mark: at least the threshold it was marked at, with a clear lead (contracts' LEARN_RULES). */
export const DEFAULT_LEARN: LearnParams = LEARN_RULES['clear-mark'];

/**
 * A teacher's confirmation: the same rules, from a score in the review band (a 'close' item is by
 * definition under the threshold). The floor is where a face is still offered by name
 * (threshold - lowerBand): a lower score was never shown to the teacher as this student. The lead
 * and agreement rules are unchanged: the teacher settles the score, not a doubt between two students.
 */
export const CONFIRMED_LEARN: LearnParams = LEARN_RULES['review-confirmed'];

/** What learning reads of a frame: its embedding and how much it counted. */
export type LearnFrame = Pick<JudgedFrame, 'embedding' | 'weight'>;

export interface Sighting {
  studentId: string;
  score: number;
  runnerUp: number | null;
  evidence: { counted: number; agreeing: number };
  frames: readonly LearnFrame[];
}

type Doubt = 'ambiguous' | 'close-runner-up' | 'low-score';
export type LearnVerdict = { learn: Float32Array[]; why: null } | { learn: []; why: Doubt | 'cap-reached' | 'nothing-new' | 'other-student' };

/** Why a sighting cannot teach whatever the gallery holds, or null. */
function doubt(s: Sighting, p: LearnParams): Doubt | null {
  if (s.evidence.counted === 0 || s.evidence.agreeing < s.evidence.counted) return 'ambiguous';
  if (s.score < p.minScore) return 'low-score';
  if (s.runnerUp !== null && s.score - s.runnerUp < p.minLead) return 'close-runner-up';
  return null;
}

/**
 * The embeddings to learn from one sighting. `known` are the student's embeddings now (enrolled and
 * learned); `learned` how many of them were learned.
 */
export function embeddingsToLearn(s: Sighting, known: readonly ArrayLike<number>[], learned: number, p: LearnParams = DEFAULT_LEARN): LearnVerdict {
  const why = doubt(s, p);
  if (why) return { learn: [], why };
  const room = Math.min(p.perSighting, p.perStudent - learned);
  if (room <= 0) return { learn: [], why: 'cap-reached' };
  const have: ArrayLike<number>[] = [...known];
  const out: Float32Array[] = [];
  // Best frames first; each must differ from everything the student has, including what was just taken.
  for (const f of [...s.frames].sort((a, b) => b.weight - a.weight)) {
    if (out.length >= room) break;
    if (f.weight <= 0 || isNearCopy(f.embedding, have, p)) continue;
    out.push(f.embedding);
    have.push(f.embedding);
  }
  return out.length ? { learn: out, why: null } : { learn: [], why: 'nothing-new' };
}

/**
 * Reviews a confirmation may teach from: a score just under the threshold, or a face not yet seen
 * to be live (the teacher in the room settles both). Never 'presentation' (a photo or a screen of
 * the student is not their face in the room) nor 'ambiguous' (two students alike, or frames that
 * disagreed).
 */
const TEACHING_REVIEWS: ReadonlySet<ReviewReason> = new Set(['close', 'liveness']);

/**
 * What a review item keeps so that a teacher's later confirmation can teach: the top candidate's
 * sighting with the track's best `perSighting` frames (vectors only). Null when no confirmation of
 * it could teach, so nothing is kept: a photo or screen, two students alike, frames that disagreed,
 * nobody offered (stranger-like), a score under the floor or a close runner-up.
 */
export function reviewSighting(
  r: Pick<ReviewDecision, 'why' | 'candidates' | 'runnerUp' | 'evidence' | 'frames'>,
  p: LearnParams = CONFIRMED_LEARN,
): Sighting | null {
  const top = r.candidates[0];
  if (!TEACHING_REVIEWS.has(r.why) || !top) return null;
  const s: Sighting = {
    studentId: top.studentId,
    score: top.score,
    runnerUp: r.runnerUp,
    evidence: { counted: r.evidence.counted, agreeing: r.evidence.agreeing },
    frames: r.frames
      .filter((f) => f.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, p.perSighting)
      .map((f) => ({ embedding: f.embedding, weight: f.weight })),
  };
  return doubt(s, p) || s.frames.length === 0 ? null : s;
}

/**
 * A teacher confirmed a review item as `chosen`. It teaches only when that is the student the
 * track named first: a teacher who picked someone else corrected the recogniser, and the frames
 * matched another student better, so they are no clean view of `chosen`.
 */
export function embeddingsToLearnFromConfirmation(
  kept: Sighting,
  chosen: string,
  known: readonly ArrayLike<number>[],
  learned: number,
  p: LearnParams = CONFIRMED_LEARN,
): LearnVerdict {
  if (chosen !== kept.studentId) return { learn: [], why: 'other-student' };
  return embeddingsToLearn(kept, known, learned, p);
}
