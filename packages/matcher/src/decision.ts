// Open-set decisions: accept the best student only when the score clears the threshold AND beats
// every other student by the margin; otherwise "unknown", with the candidates for a review UI.
import { MatcherError } from './errors.ts';

/** How a student's score is computed from their several embeddings. */
export type Scoring =
  /** Highest similarity to any one of the student's embeddings. */
  | 'best'
  /** Similarity to the student's mean template (mean of their unit embeddings, re-normalised). */
  | 'mean';

export interface Candidate {
  studentId: string;
  /** The score used for ranking and the decision: `best` or `mean`, per the scoring. */
  score: number;
  best: number;
  mean: number;
  /** Embeddings the student has in the gallery. */
  embeddings: number;
}

export interface DecisionParams {
  /** Minimum cosine similarity to accept; the face pipeline's evaluation sets it per model. */
  threshold: number;
  /** Minimum lead over the best OTHER student. */
  margin: number;
  /** Defaults to 'mean': on our photos the mean template identified better (92.7% vs 89.8% top-1). */
  scoring?: Scoring;
  /** How many candidates a decision carries (default 5). */
  topK?: number;
}

export type UnknownReason = 'empty-gallery' | 'below-threshold' | 'ambiguous';

export type Decision =
  | {
      status: 'match';
      studentId: string;
      score: number;
      /** Score of the best other student, or null when the scope holds only one student. */
      runnerUp: number | null;
      candidates: Candidate[];
    }
  | { status: 'unknown'; reason: UnknownReason; candidates: Candidate[] };

export const DEFAULT_SCORING: Scoring = 'mean';
export const DEFAULT_TOP_K = 5;

export interface ResolvedDecisionParams {
  threshold: number;
  margin: number;
  scoring: Scoring;
  topK: number;
}

export function resolveDecisionParams(p: DecisionParams): ResolvedDecisionParams {
  if (!Number.isFinite(p.threshold) || p.threshold < -1 || p.threshold > 1) {
    throw new MatcherError('invalid-parameter', `threshold must be a cosine similarity in [-1, 1], got ${p.threshold}`);
  }
  if (!Number.isFinite(p.margin) || p.margin < 0 || p.margin > 2) {
    throw new MatcherError('invalid-parameter', `margin must be in [0, 2], got ${p.margin}`);
  }
  const scoring = p.scoring ?? DEFAULT_SCORING;
  if (scoring !== 'best' && scoring !== 'mean') throw new MatcherError('invalid-parameter', `unknown scoring ${String(scoring)}`);
  const topK = p.topK ?? DEFAULT_TOP_K;
  if (!Number.isInteger(topK) || topK < 1) throw new MatcherError('invalid-parameter', `topK must be a positive integer, got ${topK}`);
  return { threshold: p.threshold, margin: p.margin, scoring, topK };
}

/** Decides on candidates already ranked by score, best first (as Gallery.search returns them). */
export function decide(ranked: readonly Candidate[], params: ResolvedDecisionParams): Decision {
  const candidates = ranked.slice(0, params.topK);
  const top = ranked[0];
  if (!top) return { status: 'unknown', reason: 'empty-gallery', candidates };
  if (top.score < params.threshold) return { status: 'unknown', reason: 'below-threshold', candidates };
  const runnerUp = ranked[1]?.score ?? null;
  if (runnerUp !== null && top.score - runnerUp < params.margin) return { status: 'unknown', reason: 'ambiguous', candidates };
  return { status: 'match', studentId: top.studentId, score: top.score, runnerUp, candidates };
}
