// Who a set of embedded frames of one face is: the quality-weighted mean of the frames that count,
// decided by the matcher (threshold + margin), then checked for agreement between the frames and
// for what may be offered in review. Pure; the same function decides live tracks, re-verifies them
// and scores single photos in `rollcall eval`.
import { l2Normalize } from '@rollcall/contracts';
import type { Gallery } from '@rollcall/matcher';
import type { RecognitionParams } from './params.ts';
import type { FrameFlaw } from './quality.ts';

export interface Candidate {
  studentId: string;
  score: number;
}

/** One frame's part in a decision: the explanation a teacher or an engineer can read. */
export interface FrameEvidence {
  at: number;
  weight: number;
  flaws: FrameFlaw[];
  /** This frame's own best student and score (null for a frame that did not count or an empty gallery). */
  top: Candidate | null;
}

export interface Evidence {
  /** Frames judged, counted or not. */
  frames: FrameEvidence[];
  /** How many frames counted, and how many of those named the winner first. */
  counted: number;
  agreeing: number;
}

export type Judgement =
  /** Too few frames that count. */
  | { kind: 'wait'; evidence: Evidence }
  | { kind: 'match'; studentId: string; score: number; runnerUp: number | null; candidates: Candidate[]; evidence: Evidence }
  /** `runnerUp`: the second student's score, offered or not (a review's candidates leave stranger-like ones out). */
  | { kind: 'review'; why: 'close' | 'ambiguous'; candidates: Candidate[]; runnerUp: number | null; evidence: Evidence }
  /** Nobody: score is the best student's (null with an empty gallery or roster). */
  | { kind: 'unknown'; score: number | null; evidence: Evidence };

export interface JudgedFrame {
  at: number;
  embedding: Float32Array;
  weight: number;
  flaws: FrameFlaw[];
}

/** The top two candidates, leaving out any stranger-like one (more than `lowerBand` under the threshold). */
export function offerable(ranked: readonly Candidate[], p: Pick<RecognitionParams, 'threshold' | 'lowerBand'>): Candidate[] {
  return ranked
    .slice(0, 2)
    .filter((c) => c.score >= p.threshold - p.lowerBand)
    .map((c) => ({ studentId: c.studentId, score: c.score }));
}

function weightedMean(frames: readonly JudgedFrame[]): Float32Array {
  const sum = new Float32Array(frames[0]!.embedding.length);
  for (const f of frames) for (let i = 0; i < sum.length; i++) sum[i]! += f.weight * f.embedding[i]!;
  return l2Normalize(sum);
}

/**
 * Decides on the most recent `need` frames that count. Frames that do not count stay in the
 * evidence (with their flaws) so a decision that waits says why.
 */
export function judgeFrames(
  frames: readonly JudgedFrame[],
  need: number,
  gallery: Gallery,
  roster: ReadonlySet<string> | null,
  p: RecognitionParams,
): Judgement {
  const counting = frames.filter((f) => f.weight > 0).slice(-need);
  const scope = roster ? { roster } : {};
  const scoring = p.scoring;
  const params = { threshold: p.threshold, margin: p.margin, scoring };
  const tops = new Map<JudgedFrame, Candidate | null>();
  for (const f of counting) {
    const c = gallery.search(f.embedding, { ...scope, scoring, limit: 1 })[0];
    tops.set(f, c ? { studentId: c.studentId, score: c.score } : null);
  }
  const evidence = (winner: string | null): Evidence => ({
    frames: frames.slice(-need * 3).map((f) => ({ at: f.at, weight: f.weight, flaws: f.flaws, top: tops.get(f) ?? null })),
    counted: counting.length,
    agreeing: winner === null ? 0 : counting.filter((f) => tops.get(f)?.studentId === winner).length,
  });
  if (counting.length < need) return { kind: 'wait', evidence: evidence(null) };
  const d = gallery.identify(weightedMean(counting), params, scope);
  const ranked = d.candidates;
  if (d.status === 'match') {
    const ev = evidence(d.studentId);
    // Frames that differ must agree: a mean carried by one strong frame of someone else is ambiguous.
    if (ev.agreeing / ev.counted < p.minAgreement)
      return { kind: 'review', why: 'ambiguous', candidates: offerable(ranked, p), runnerUp: d.runnerUp, evidence: ev };
    return { kind: 'match', studentId: d.studentId, score: d.score, runnerUp: d.runnerUp, candidates: offerable(ranked, p), evidence: ev };
  }
  const top = ranked[0];
  const runnerUp = ranked[1]?.score ?? null;
  const ev = evidence(top?.studentId ?? null);
  if (!top) return { kind: 'unknown', score: null, evidence: ev };
  if (d.reason === 'ambiguous') return { kind: 'review', why: 'ambiguous', candidates: offerable(ranked, p), runnerUp, evidence: ev };
  if (top.score >= p.threshold - p.reviewBand && offerable(ranked, p).length > 0) {
    return { kind: 'review', why: 'close', candidates: offerable(ranked, p), runnerUp, evidence: ev };
  }
  return { kind: 'unknown', score: top.score, evidence: ev };
}
