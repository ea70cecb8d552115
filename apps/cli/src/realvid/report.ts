// Scores a run over the real-footage set in ISO/IEC 30107-3 terms: APCER (attack clips in which
// anyone was marked), BPCER (genuine clips whose person was not marked in time), time to mark,
// crowd and wrong marks; and the curves of those rates as one liveness limit is swept.
import type { LivenessParams } from '@rollcall/recognition';
import { quantile } from '../classroom/simulate.ts';
import type { ClipResult } from './run.ts';

/** A genuine person not marked within this many seconds counts against BPCER: the class has started. */
export const BPCER_WITHIN_S = 10;

/** The liveness limits the curves sweep, one at a time, the others at their defaults: one line per limit. */
export const SWEEPS: readonly { key: keyof LivenessParams; values: readonly number[]; what: string }[] = [
  { key: 'textureLimit', values: [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 2], what: 'a moved pair whose pixels changed more is another view of a head (2: off)' },
  { key: 'stillLimit', values: [0.04, 0.06, 0.08, 0.1, 0.12, 0.16], what: 'a pair that moved less is unchanged' },
  { key: 'padAttackBelow', values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], what: 'a median texture score under it is a screen or a print (0: texture off)' },
  { key: 'padLiveFrom', values: [0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 2], what: 'a median texture score from it vouches for skin (2: never)' },
];

export interface SetRates {
  attackClips: number;
  genuineClips: number;
  crowdClips: number;
  /** Attack clips in which anyone was marked / attack clips. */
  apcer: number;
  /** Genuine clips whose person was not marked within BPCER_WITHIN_S / genuine clips. */
  bpcer: number;
  attacksAccepted: string[];
  genuineLate: string[];
  /** Genuine clips whose person was never marked in the whole run. */
  genuineNeverMarked: string[];
  /** Seconds to the first mark of a genuine clip's person; null when that share of them was never marked. */
  secondsToMarkP50: number | null;
  secondsToMarkP90: number | null;
  crowdMarks: number;
  /** Marks of someone other than the clip's person, in any clip (every mark in a crowd). */
  wrongMarks: number;
}

export function setRates(results: readonly ClipResult[]): SetRates {
  const attacks = results.filter((r) => r.kind === 'attack');
  const genuine = results.filter((r) => r.kind === 'genuine');
  const crowds = results.filter((r) => r.kind === 'crowd');
  const late = genuine.filter((r) => r.firstMarkAt === null || r.firstMarkAt > BPCER_WITHIN_S);
  const times = genuine.map((r) => r.firstMarkAt ?? Infinity).sort((a, b) => a - b);
  const accepted = attacks.filter((r) => r.marks.length > 0);
  return {
    attackClips: attacks.length,
    genuineClips: genuine.length,
    crowdClips: crowds.length,
    apcer: attacks.length ? accepted.length / attacks.length : Number.NaN,
    bpcer: genuine.length ? late.length / genuine.length : Number.NaN,
    attacksAccepted: accepted.map((r) => r.clip),
    genuineLate: late.map((r) => r.clip),
    genuineNeverMarked: genuine.filter((r) => r.firstMarkAt === null).map((r) => r.clip),
    secondsToMarkP50: quantile(times, 0.5),
    secondsToMarkP90: quantile(times, 0.9),
    crowdMarks: crowds.reduce((s, r) => s + r.marks.length, 0),
    wrongMarks: results.reduce((s, r) => s + r.marks.filter((m) => !m.right).length, 0),
  };
}

export interface CurvePoint {
  value: number;
  apcer: number;
  bpcer: number;
  /** Faces the judged session wanted analysed but the saved run had only located (see ClipResult.unanalysed). */
  unanalysed: number;
}

/** APCER and BPCER as each limit of `sweeps` takes each of its values, the others at `base`. */
export async function curves(
  judge: (p: LivenessParams) => Promise<ClipResult[]>,
  base: LivenessParams,
  sweeps: typeof SWEEPS = SWEEPS,
): Promise<{ key: keyof LivenessParams; what: string; base: number; points: CurvePoint[] }[]> {
  const out = [];
  for (const s of sweeps) {
    const points: CurvePoint[] = [];
    for (const value of s.values) {
      const results = await judge({ ...base, [s.key]: value });
      const r = setRates(results);
      points.push({ value, apcer: r.apcer, bpcer: r.bpcer, unanalysed: results.reduce((n, c) => n + c.unanalysed, 0) });
    }
    out.push({ key: s.key, what: s.what, base: base[s.key] as number, points });
  }
  return out;
}

/** Review items by reason, and on how many tracks: many items on few tracks is one person asked about again and again. */
export function reviewSummary(r: ClipResult): { items: number; tracks: number; byWhy: Record<string, number> } {
  const byWhy: Record<string, number> = {};
  for (const v of r.reviews) byWhy[v.why] = (byWhy[v.why] ?? 0) + 1;
  return { items: r.reviews.length, tracks: new Set(r.reviews.map((v) => v.track)).size, byWhy };
}

/** The verdict timeline as runs of the same verdict, first reason and track state: "0-4 s undecided: watching the face (pending)". */
export function timelineRuns(r: ClipResult): { from: number; to: number; kind: string; reason: string; state: string }[] {
  const runs: { from: number; to: number; kind: string; reason: string; state: string }[] = [];
  for (const v of r.timeline) {
    const last = runs.at(-1);
    if (last && last.kind === v.kind && last.reason === v.reason && last.state === v.state && last.to === v.second - 1) last.to = v.second;
    else runs.push({ from: v.second, to: v.second, kind: v.kind, reason: v.reason, state: v.state });
  }
  return runs;
}
