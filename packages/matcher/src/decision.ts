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

export interface VoteParams {
  /** Share of the track's frames that must match the winner (default 0.5: at least half, and no tie). */
  minVoteShare?: number;
}

export type TrackDecision = Decision & {
  /** Frames combined. */
  frames: number;
  /** Frames whose own decision matched the returned student ('vote'), or null ('mean'). */
  votes: number | null;
};

/**
 * Combines per-frame decisions by vote: the student matched in the most frames wins if matched
 * in at least `minVoteShare` of them; the score reported is that student's mean frame score.
 */
export function decideByVote(frames: readonly Decision[], params: ResolvedDecisionParams, vote: VoteParams = {}): TrackDecision {
  const share = vote.minVoteShare ?? 0.5;
  if (!(share > 0 && share <= 1)) throw new MatcherError('invalid-parameter', `minVoteShare must be in (0, 1], got ${share}`);
  const counts = new Map<string, number>();
  const sums = new Map<string, { score: number; best: number; mean: number; embeddings: number; seen: number }>();
  for (const d of frames) {
    if (d.status === 'match') counts.set(d.studentId, (counts.get(d.studentId) ?? 0) + 1);
    for (const c of d.candidates) {
      const s = sums.get(c.studentId) ?? { score: 0, best: 0, mean: 0, embeddings: c.embeddings, seen: 0 };
      s.score += c.score;
      s.best += c.best;
      s.mean += c.mean;
      s.seen++;
      sums.set(c.studentId, s);
    }
  }
  // A student missing from a frame's candidates scored below them there; averaging over the
  // frames that listed them would flatter them, so divide by all frames.
  const n = frames.length;
  const candidates: Candidate[] = [...sums.entries()]
    .map(([studentId, s]) => ({ studentId, score: s.score / n, best: s.best / n, mean: s.mean / n, embeddings: s.embeddings }))
    .sort((a, b) => b.score - a.score)
    .slice(0, params.topK);
  if (n === 0 || frames.every((d) => d.status === 'unknown' && d.reason === 'empty-gallery')) {
    return { status: 'unknown', reason: 'empty-gallery', candidates, frames: n, votes: null };
  }
  let winner: string | null = null;
  let winnerVotes = 0;
  let tie = false;
  for (const [id, v] of counts) {
    if (v > winnerVotes) [winner, winnerVotes, tie] = [id, v, false];
    else if (v === winnerVotes) tie = true;
  }
  if (winner === null) {
    const anyAmbiguous = frames.some((d) => d.status === 'unknown' && d.reason === 'ambiguous');
    return { status: 'unknown', reason: anyAmbiguous ? 'ambiguous' : 'below-threshold', candidates, frames: n, votes: 0 };
  }
  if (tie || winnerVotes / n < share) return { status: 'unknown', reason: 'ambiguous', candidates, frames: n, votes: winnerVotes };
  const mine = frames.flatMap((d) => (d.status === 'match' && d.studentId === winner ? [d.score] : []));
  const others = candidates.filter((c) => c.studentId !== winner);
  return {
    status: 'match',
    studentId: winner,
    score: mine.reduce((a, b) => a + b, 0) / mine.length,
    runnerUp: others[0]?.score ?? null,
    candidates,
    frames: n,
    votes: winnerVotes,
  };
}
