// Learning from confirmed sightings: which of a track's embeddings a device may add to the
// student's gallery. Only a sighting that was never in doubt about who it was (every counted
// frame named the student, a clear lead over the runner-up) teaches, and only frames unlike what
// the student already has, up to a cap per student: a wrong mark learned would make the next wrong
// mark likelier. Two ways to be confirmed: a mark with a clear margin, or a teacher confirming a
// review item as the very student it offered first.
import { dot, MAX_LEARNED_PER_STUDENT } from '@rollcall/contracts';
import type { JudgedFrame } from './judge.ts';
import { DEFAULT_RECOGNITION } from './params.ts';
import type { ReviewDecision, ReviewReason } from './session.ts';

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

// Leads: twice the matching margin (0.02), so a learned mark stood clear of anyone else by
// more than the margin that already decided it. The cap (the API's) keeps a student's gallery mostly their
// enrolment. 0.985 sits below every near-copy of a frame (`pnpm rollcall variety`: a second frame
// of the same picture embeds at 0.9916 or more on orl, twd and yale, 1st percentile; variety.ts's
// NEAR_COPY is 0.99), so a near-copy of what the student has is never learned, and it also skips
// views only a little different (two photos of one person: median 0.948-0.984).
export const DEFAULT_LEARN: LearnParams = { minLead: 0.04, minScore: 0.96, perSighting: 2, perStudent: MAX_LEARNED_PER_STUDENT, maxSimilarity: 0.985 };

/**
 * A teacher's confirmation: the same rules, from a score in the review band (a 'close' item is by
 * definition under the threshold). The floor is where a face is still offered by name
 * (threshold - lowerBand): a lower score was never shown to the teacher as this student. The lead
 * and agreement rules are unchanged: the teacher settles the score, not a doubt between two students.
 */
export const CONFIRMED_LEARN: LearnParams = { ...DEFAULT_LEARN, minScore: DEFAULT_RECOGNITION.threshold - DEFAULT_RECOGNITION.lowerBand };

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
    if (f.weight <= 0 || have.some((v) => dot(v, f.embedding) > p.maxSimilarity)) continue;
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
