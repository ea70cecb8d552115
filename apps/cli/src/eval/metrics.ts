// Accuracy measures for `rollcall eval`, pure functions of embeddings and labels: verification
// over all pairs (ROC AUC, accuracy, TAR at fixed FAR), closed-set identification and the open-set
// decision (threshold plus margin over the best other identity) that attendance uses.
import { dot, meanNormalized } from '@rollcall/contracts';

export interface Sample {
  identity: string;
  /** Unit-length embedding. */
  vector: Float32Array;
  file: string;
}

export interface PairScores {
  genuine: number[];
  impostor: number[];
}

export function allPairScores(samples: readonly Sample[]): PairScores {
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const s = dot(samples[i]!.vector, samples[j]!.vector);
      (samples[i]!.identity === samples[j]!.identity ? genuine : impostor).push(s);
    }
  }
  return { genuine, impostor };
}

/** Probability that a random genuine pair outscores a random impostor pair (ties count half). */
export function rocAuc({ genuine, impostor }: PairScores): number {
  if (genuine.length === 0 || impostor.length === 0) return NaN;
  const all = [...genuine.map((s) => [s, 1] as const), ...impostor.map((s) => [s, 0] as const)].sort((a, b) => a[0] - b[0]);
  // Mann-Whitney U with average ranks for ties.
  let rankSumGenuine = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]![1] === 1) rankSumGenuine += avgRank;
    i = j;
  }
  const g = genuine.length;
  return (rankSumGenuine - (g * (g + 1)) / 2) / (g * impostor.length);
}

/** Fraction of pairs classified correctly by "same person when score >= threshold". */
export function accuracyAt({ genuine, impostor }: PairScores, threshold: number): number {
  const tp = genuine.filter((s) => s >= threshold).length;
  const tn = impostor.filter((s) => s < threshold).length;
  return (tp + tn) / (genuine.length + impostor.length);
}

/** True-accept rate at the lowest threshold whose false-accept rate is at most `far`. */
export function tarAtFar({ genuine, impostor }: PairScores, far: number): number {
  if (impostor.length === 0 || genuine.length === 0) return NaN;
  const sorted = [...impostor].sort((a, b) => b - a);
  const allowed = Math.floor(far * sorted.length);
  // Threshold just above the (allowed+1)-th highest impostor score.
  const threshold = allowed < sorted.length ? sorted[allowed]! : -Infinity;
  return genuine.filter((s) => s > threshold).length / genuine.length;
}

export type TemplateMode = 'mean' | 'best';

export interface Gallery {
  identities: string[];
  /** identity -> enrolled vectors */
  enrolled: Map<string, Float32Array[]>;
}

/** Score of a probe against one identity: cosine to the mean template, or best of its photos. */
function identityScore(gallery: Gallery, identity: string, probe: Float32Array, mode: TemplateMode, templates: Map<string, Float32Array>): number {
  if (mode === 'mean') return dot(templates.get(identity)!, probe);
  let best = -Infinity;
  for (const v of gallery.enrolled.get(identity)!) best = Math.max(best, dot(v, probe));
  return best;
}

export interface Ranked {
  best: string | null;
  bestScore: number;
  secondScore: number;
}

export function makeRanker(gallery: Gallery, mode: TemplateMode): (probe: Float32Array) => Ranked {
  const templates = new Map<string, Float32Array>();
  for (const [id, vs] of gallery.enrolled) templates.set(id, meanNormalized(vs));
  return (probe) => {
    let best: string | null = null;
    let bestScore = -Infinity;
    let secondScore = -Infinity;
    for (const id of gallery.identities) {
      const s = identityScore(gallery, id, probe, mode, templates);
      if (s > bestScore) {
        secondScore = bestScore;
        bestScore = s;
        best = id;
      } else if (s > secondScore) secondScore = s;
    }
    return { best, bestScore, secondScore };
  };
}

/** The attendance decision: the best identity if it clears the threshold and the margin, else unknown. */
export function decide(r: Ranked, threshold: number, margin: number): string | null {
  if (r.best === null || r.bestScore < threshold) return null;
  if (Number.isFinite(r.secondScore) && r.bestScore - r.secondScore < margin) return null;
  return r.best;
}

/** Groups samples by identity, files in name order (deterministic enrolment choice). */
export function byIdentity(samples: readonly Sample[]): Map<string, Sample[]> {
  const m = new Map<string, Sample[]>();
  for (const s of [...samples].sort((a, b) => a.file.localeCompare(b.file))) {
    const list = m.get(s.identity) ?? [];
    list.push(s);
    m.set(s.identity, list);
  }
  return m;
}

/** Closed-set top-1: the first K photos of each identity enrolled, the rest are probes. */
export function closedSetTop1(samples: readonly Sample[], k: number, mode: TemplateMode): { top1: number; probes: number } {
  const groups = byIdentity(samples);
  const gallery: Gallery = { identities: [], enrolled: new Map() };
  const probes: Sample[] = [];
  for (const [id, list] of groups) {
    if (list.length <= k) continue; // nothing left to probe with
    gallery.identities.push(id);
    gallery.enrolled.set(id, list.slice(0, k).map((s) => s.vector));
    probes.push(...list.slice(k));
  }
  if (probes.length === 0) return { top1: NaN, probes: 0 };
  const rank = makeRanker(gallery, mode);
  const hits = probes.filter((p) => rank(p.vector).best === p.identity).length;
  return { top1: hits / probes.length, probes: probes.length };
}

export interface OpenSetResult {
  /** Known probes accepted as their own identity. */
  tar: number;
  /** Unknown probes (never enrolled) accepted as anyone. */
  far: number;
  /** Known probes accepted as a different enrolled identity. */
  wrongStudentRate: number;
  knownProbes: number;
  unknownProbes: number;
  unknownIdentities: string[];
}

/**
 * The quarter of identities (at least one) never enrolled in the open-set test: spread evenly
 * over the identities in name order, chosen without looking at the data.
 */
export function strangerIdentities(ids: readonly string[]): Set<string> {
  const sorted = [...ids].sort();
  const count = Math.max(1, Math.round(sorted.length / 4));
  const out = new Set<string>();
  for (let j = 0; j < count; j++) out.add(sorted[Math.floor(((j + 0.5) * sorted.length) / count)]!);
  return out;
}

/** Open set: a quarter of the identities never enrolled; the others enrol their first K photos. */
export function openSet(samples: readonly Sample[], k: number, mode: TemplateMode, threshold: number, margin: number): OpenSetResult {
  const groups = byIdentity(samples);
  const ids = [...groups.keys()].sort();
  const unknown = strangerIdentities(ids);
  const gallery: Gallery = { identities: [], enrolled: new Map() };
  const known: Sample[] = [];
  const strangers: Sample[] = [];
  for (const id of ids) {
    const list = groups.get(id)!;
    if (unknown.has(id)) {
      strangers.push(...list);
      continue;
    }
    if (list.length <= k) continue;
    gallery.identities.push(id);
    gallery.enrolled.set(id, list.slice(0, k).map((s) => s.vector));
    known.push(...list.slice(k));
  }
  const rank = makeRanker(gallery, mode);
  let accepted = 0, wrong = 0, falseAccepts = 0;
  for (const p of known) {
    const d = decide(rank(p.vector), threshold, margin);
    if (d === p.identity) accepted++;
    else if (d !== null) wrong++;
  }
  for (const p of strangers) if (decide(rank(p.vector), threshold, margin) !== null) falseAccepts++;
  return {
    tar: known.length ? accepted / known.length : NaN,
    far: strangers.length ? falseAccepts / strangers.length : NaN,
    wrongStudentRate: known.length ? wrong / known.length : NaN,
    knownProbes: known.length,
    unknownProbes: strangers.length,
    unknownIdentities: [...unknown],
  };
}
