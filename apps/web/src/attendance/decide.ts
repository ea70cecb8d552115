// What to do with a track: wait for more frames, mark its student, leave it unknown, or ask the
// teacher. A mark needs the track's combined decision to pass the threshold and the margin over
// `consensusFrames` frames, and (when enabled) the antispoof and liveness checks over the same
// recent frames. A face that matches but does not look live yet is given a few more frames (a
// student walking in is blurred at first; a camera warming up gives dark frames) before it goes
// to the teacher; faces that come close without passing go to the review list too. Pure: the
// gallery is handed in.
import { DEFAULT_GATES } from '@rollcall/face';
import type { Gallery } from '@rollcall/matcher';
import type { Track } from './tracker.ts';

export interface RecognitionParams {
  threshold: number;
  margin: number;
  consensusFrames: number;
  liveness: boolean;
  /** Below the threshold by at most this much counts as "close": the teacher reviews it. */
  reviewBand: number;
}

export type Outcome =
  | { kind: 'wait' }
  | { kind: 'match'; studentId: string; score: number }
  | { kind: 'unknown'; score: number | null }
  | { kind: 'review'; studentId: string | null; score: number | null; why: 'close' | 'ambiguous' | 'liveness' };

/** How many frames, in multiples of `consensusFrames`, a matched face may take to look live before it goes to review. */
export const LIVENESS_PATIENCE = 3;

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function decideTrack(track: Track, gallery: Gallery, roster: ReadonlySet<string> | null, p: RecognitionParams): Outcome {
  if (track.embeddings.length < p.consensusFrames) return { kind: 'wait' };
  const recent = track.embeddings.slice(-p.consensusFrames);
  const d = gallery.identifyTrack(recent, { threshold: p.threshold, margin: p.margin, combine: 'mean' }, roster ? { roster } : {});
  const top = d.candidates[0] ?? null;
  if (d.status === 'match') {
    const live = mean(track.antispoof.slice(-p.consensusFrames)) >= DEFAULT_GATES.minAntispoof && mean(track.liveness.slice(-p.consensusFrames)) >= DEFAULT_GATES.minLiveness;
    if (p.liveness && !live) {
      if (track.frames < p.consensusFrames * LIVENESS_PATIENCE) return { kind: 'wait' };
      return { kind: 'review', studentId: d.studentId, score: d.score, why: 'liveness' };
    }
    return { kind: 'match', studentId: d.studentId, score: d.score };
  }
  if (d.reason === 'ambiguous' && top) return { kind: 'review', studentId: top.studentId, score: top.score, why: 'ambiguous' };
  if (top && top.score >= p.threshold - p.reviewBand) return { kind: 'review', studentId: top.studentId, score: top.score, why: 'close' };
  return { kind: 'unknown', score: top?.score ?? null };
}
