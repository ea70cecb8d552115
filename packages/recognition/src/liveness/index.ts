// Track liveness: is this track a live person or a picture held up to the camera? A first rule,
// today's (mean antispoof over the recent frames); the photo-attack work (#15) replaces it behind
// this same signature with motion evidence (stills, planar motion, blinks).
import type { Box } from '../types.ts';

export interface LivenessSample {
  at: number;
  box: Box;
  mesh: [number, number][] | null;
  /** Human's antispoof score 0..1 (1 = real); NaN when not computed this frame. */
  antispoof: number;
}

export interface LivenessParams {
  /**
   * Mean antispoof over the window at or above this is live. 0.2: below every genuine photo
   * measured (lowest 0.27) and no simulated print or screen went lower (docs/accuracy.md).
   */
  minAntispoof: number;
  /** Most recent samples judged; earlier ones (a camera warming up, a blurred entrance) are not held against a face. */
  window: number;
  /** Not used by this rule yet: the #15 rule reads it. */
  requireBlink: boolean;
}

export type LivenessVerdict =
  | { kind: 'live'; reasons: string[] }
  | { kind: 'presentation'; reasons: string[] }
  | { kind: 'undecided'; reasons: string[] };

export const DEFAULT_LIVENESS: LivenessParams = { minAntispoof: 0.2, window: 3, requireBlink: false };

export function assessLiveness(samples: readonly LivenessSample[], p: LivenessParams): LivenessVerdict {
  const scores = samples
    .slice(-p.window)
    .map((s) => s.antispoof)
    .filter(Number.isFinite);
  if (scores.length === 0) return { kind: 'undecided', reasons: ['no antispoof score yet'] };
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const line = `mean antispoof ${mean.toFixed(2)} over ${scores.length} frame(s), limit ${p.minAntispoof}`;
  return mean >= p.minAntispoof ? { kind: 'live', reasons: [line] } : { kind: 'undecided', reasons: [line] };
}
