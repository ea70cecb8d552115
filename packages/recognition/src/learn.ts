// Learning from confirmed sightings: which of a marked track's embeddings a device may add to the
// student's gallery. Only a mark that was never in doubt (every counted frame named the student,
// a clear lead over the runner-up) teaches, and only frames unlike what the student already has,
// up to a cap per student: a wrong mark learned would make the next wrong mark likelier.
import { dot, MAX_LEARNED_PER_STUDENT } from '@rollcall/contracts';
import type { JudgedFrame } from './judge.ts';

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

export interface Sighting {
  studentId: string;
  score: number;
  runnerUp: number | null;
  evidence: { counted: number; agreeing: number };
  frames: readonly JudgedFrame[];
}

export type LearnVerdict =
  { learn: Float32Array[]; why: null } | { learn: []; why: 'ambiguous' | 'close-runner-up' | 'low-score' | 'cap-reached' | 'nothing-new' };

/**
 * The embeddings to learn from one mark. `known` are the student's embeddings now (enrolled and
 * learned); `learned` how many of them were learned.
 */
export function embeddingsToLearn(s: Sighting, known: readonly ArrayLike<number>[], learned: number, p: LearnParams = DEFAULT_LEARN): LearnVerdict {
  if (s.evidence.counted === 0 || s.evidence.agreeing < s.evidence.counted) return { learn: [], why: 'ambiguous' };
  if (s.score < p.minScore) return { learn: [], why: 'low-score' };
  if (s.runnerUp !== null && s.score - s.runnerUp < p.minLead) return { learn: [], why: 'close-runner-up' };
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
