// Accuracy measures for `rollcall eval`: pure metric maths over scores (ROC AUC, accuracy, TAR at
// fixed FAR) and, for identification, the matcher's gallery and the recognition core's decision
// (threshold, margin, review bands, frame quality) exactly as the classroom runs them: a metric
// measured on a re-implementation would say nothing about the code that marks students.
import { dot, type ModelId } from '@rollcall/contracts';
import { Gallery, prng, type Scoring } from '@rollcall/matcher';
import { judgeFrames, type RecognitionParams } from '@rollcall/recognition';

export interface Sample {
  identity: string;
  /** Unit-length embedding. */
  vector: Float32Array;
  file: string;
  /** The core's frame weight for this photo (recognition quality.ts); 0 = it would not count. Default 1. */
  weight?: number;
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
  for (let i = 0; i < all.length;) {
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

/** Enrols each listed identity's first K photos (in name order) into a gallery of the model. */
function enrol(groups: Map<string, Sample[]>, ids: readonly string[], k: number, modelId: ModelId): Promise<Gallery> {
  const entries = ids.flatMap((id) =>
    groups
      .get(id)!
      .slice(0, k)
      .map((s) => ({ studentId: id, embeddingId: s.file, vector: s.vector })),
  );
  return Gallery.create({ modelId }, entries);
}

/**
 * The random-split protocol: each identity's photos in a seeded random order, so "the first K" are
 * K photos from anywhere in the set (another day, light or pose) rather than one sitting.
 */
export function shuffledByIdentity(samples: readonly Sample[], seed: number): Map<string, Sample[]> {
  const rand = prng(seed);
  const m = byIdentity(samples);
  for (const list of m.values()) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
  }
  return m;
}

/** Closed-set top-1: the first K photos of each identity enrolled, the rest are probes. */
export async function closedSetTop1(
  samples: readonly Sample[],
  k: number,
  scoring: Scoring,
  modelId: ModelId,
  groups: Map<string, Sample[]> = byIdentity(samples),
): Promise<{ top1: number; probes: number }> {
  const ids = [...groups.keys()].filter((id) => groups.get(id)!.length > k); // others have nothing left to probe with
  const probes = ids.flatMap((id) => groups.get(id)!.slice(k));
  if (probes.length === 0) return { top1: NaN, probes: 0 };
  const gallery = await enrol(groups, ids, k, modelId);
  const hits = probes.filter((p) => gallery.search(p.vector, { scoring, limit: 1 })[0]?.studentId === p.identity).length;
  gallery.dispose();
  return { top1: hits / probes.length, probes: probes.length };
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

export interface OpenSetResult {
  /** Known probes accepted as their own identity. */
  tar: number;
  /** Unknown probes (never enrolled) accepted as anyone. */
  far: number;
  /** Known probes accepted as a different enrolled identity. */
  wrongStudentRate: number;
  /** Probes (known and strangers) the core would send to review. */
  reviewRate: number;
  /** Known probes sent to review without their own student among the candidates offered. */
  wrongSuggestionRate: number;
  /** Strangers sent to review offered as someone (a stranger-like score must be offered as nobody). */
  strangerOfferedRate: number;
  /** Probes whose photo would not count at all (closed eyes, heavy blur, strong turn, tiny face). */
  notCounted: number;
  knownProbes: number;
  unknownProbes: number;
  unknownIdentities: string[];
}

/** What the recognition core decides for one photo: a track of one frame. */
function judgePhoto(gallery: Gallery, p: Sample, params: RecognitionParams) {
  return judgeFrames([{ at: 0, embedding: p.vector, weight: p.weight ?? 1, flaws: [] }], 1, gallery, null, { ...params, consensusFrames: 1 });
}

/** Open set: a quarter of the identities never enrolled; the others enrol their first K photos. */
export async function openSet(
  samples: readonly Sample[],
  k: number,
  params: RecognitionParams,
  modelId: ModelId,
  groups: Map<string, Sample[]> = byIdentity(samples),
): Promise<OpenSetResult> {
  const ids = [...groups.keys()].sort();
  const unknown = strangerIdentities(ids);
  const enrolled = ids.filter((id) => !unknown.has(id) && groups.get(id)!.length > k);
  const known = enrolled.flatMap((id) => groups.get(id)!.slice(k));
  const strangers = ids.filter((id) => unknown.has(id)).flatMap((id) => groups.get(id)!);
  const gallery = await enrol(groups, enrolled, k, modelId);
  let accepted = 0,
    wrong = 0,
    falseAccepts = 0,
    reviews = 0,
    wrongSuggestions = 0,
    strangersOffered = 0,
    notCounted = 0;
  for (const p of [...known, ...strangers]) {
    const j = judgePhoto(gallery, p, params);
    const stranger = unknown.has(p.identity);
    if (j.kind === 'wait') notCounted++;
    else if (j.kind === 'match') {
      if (stranger) falseAccepts++;
      else if (j.studentId === p.identity) accepted++;
      else wrong++;
    } else if (j.kind === 'review') {
      reviews++;
      if (stranger && j.candidates.length > 0) strangersOffered++;
      else if (!stranger && j.candidates.length > 0 && !j.candidates.some((c) => c.studentId === p.identity)) wrongSuggestions++;
    }
  }
  gallery.dispose();
  const all = known.length + strangers.length;
  return {
    tar: known.length ? accepted / known.length : NaN,
    far: strangers.length ? falseAccepts / strangers.length : NaN,
    wrongStudentRate: known.length ? wrong / known.length : NaN,
    reviewRate: all ? reviews / all : NaN,
    wrongSuggestionRate: known.length ? wrongSuggestions / known.length : NaN,
    strangerOfferedRate: strangers.length ? strangersOffered / strangers.length : NaN,
    notCounted,
    knownProbes: known.length,
    unknownProbes: strangers.length,
    unknownIdentities: [...unknown],
  };
}
