// Scores track liveness on measured attack and genuine tracks in ISO/IEC 30107-3 terms. Every
// track is judged frame by frame as the recognition core would (verdict on each prefix), so an
// attack counts as accepted if it was judged live at any frame: that is when it would be marked.
import { assessLiveness, type LivenessParams, type LivenessSample } from '@rollcall/recognition';
import type { MeasuredTrack } from './measure.ts';

export interface TrackOutcome {
  kind: 'attack' | 'genuine';
  label: string;
  /** First time (ms into the track) the verdict was live; null if never. */
  liveAt: number | null;
  /** Verdict at the track's last frame, with its reasons. */
  final: { kind: string; reasons: string[] };
  /** Median antispoof over the track's frames. */
  antispoof: number;
  /** Median face box width (px) over the track's frames. */
  width: number;
  detected: number;
  frames: number;
}

export interface Rates {
  /** Attacks judged live at some frame / attacks. */
  apcer: number;
  /** Genuine tracks never judged live / genuine tracks. */
  bpcer: number;
}

function median(v: number[]): number {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : Number.NaN;
}

export function outcome(t: MeasuredTrack, p: LivenessParams): TrackOutcome {
  let liveAt: number | null = null;
  const prefix: LivenessSample[] = [];
  let final = assessLiveness([], p);
  for (const s of t.samples) {
    prefix.push(s);
    final = assessLiveness(prefix, p);
    if (final.kind === 'live' && liveAt === null) liveAt = s.at;
  }
  const { spec } = t;
  const label =
    spec.kind === 'attack'
      ? `${spec.medium}${spec.still ? ' on a stand' : ' in a hand'}${spec.busy ? ', busy scene' : ''}`
      : `person${spec.busy ? ', busy scene' : ''}`;
  return {
    kind: spec.kind,
    label,
    liveAt,
    final,
    antispoof: median(t.samples.map((s) => s.antispoof)),
    width: median(t.samples.map((s) => s.box[2])),
    detected: t.samples.length,
    frames: t.frames,
  };
}

export function rates(outcomes: readonly TrackOutcome[]): Rates {
  const attacks = outcomes.filter((o) => o.kind === 'attack');
  const genuine = outcomes.filter((o) => o.kind === 'genuine');
  return {
    apcer: attacks.length ? attacks.filter((o) => o.liveAt !== null).length / attacks.length : Number.NaN,
    bpcer: genuine.length ? genuine.filter((o) => o.liveAt === null).length / genuine.length : Number.NaN,
  };
}

/**
 * The same track as a slower camera would have seen it: every `k`-th frame of a clip rendered a
 * frame per `frameMs` (k = 5 of the 10 fps clips is the 2 fps the classroom reaches on wasm), so
 * each pair spans k times the motion. By time, not index: a frame where no face was found is still
 * a frame the slower camera skips.
 */
export function everyKth(t: MeasuredTrack, k: number, frameMs: number): MeasuredTrack {
  return { ...t, frames: Math.ceil(t.frames / k), samples: t.samples.filter((s) => Math.round(s.at / frameMs) % k === 0) };
}

/** APCER and BPCER as one limit is swept, the others at their given values. */
export function curve(
  tracks: readonly MeasuredTrack[],
  p: LivenessParams,
  key: keyof LivenessParams,
  values: readonly number[],
): ({ value: number } & Rates)[] {
  return values.map((value) => ({ value, ...rates(tracks.map((t) => outcome(t, { ...p, [key]: value }))) }));
}

export function quantiles(v: readonly number[]): { n: number; min: number; p10: number; median: number; p90: number; max: number } {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  const q = (f: number) => (s.length ? s[Math.round(f * (s.length - 1))]! : Number.NaN);
  return { n: s.length, min: q(0), p10: q(0.1), median: q(0.5), p90: q(0.9), max: q(1) };
}

/** Face-width bands (px) the report splits by: the mesh's noise in face units grows as faces shrink. */
export const SIZE_BANDS = [0, 64, 80, 100, 130] as const;

/** Attacks judged live and genuine tracks judged live, per face-width band. */
export function bySize(outcomes: readonly TrackOutcome[]): { band: string; attacks: number; attacksLive: number; genuine: number; genuineLive: number }[] {
  return SIZE_BANDS.map((from, i) => {
    const to = SIZE_BANDS[i + 1] ?? Infinity;
    const inBand = outcomes.filter((o) => o.width >= from && o.width < to);
    const a = inBand.filter((o) => o.kind === 'attack');
    const g = inBand.filter((o) => o.kind === 'genuine');
    return {
      band: to === Infinity ? `${from}+ px` : `${from}-${to} px`,
      attacks: a.length,
      attacksLive: a.filter((o) => o.liveAt !== null).length,
      genuine: g.length,
      genuineLive: g.filter((o) => o.liveAt !== null).length,
    };
  }).filter((b) => b.attacks + b.genuine > 0);
}
