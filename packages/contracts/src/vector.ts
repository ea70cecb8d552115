// Vector maths shared by the face pipeline, the matcher, the API and the CLI. Similarity is
// cosine on L2-normalised vectors everywhere: one definition, so thresholds mean one thing.

/** Why a vector was refused; the API maps these to error codes. */
export type VectorProblem = 'wrong-dimension' | 'not-finite' | 'all-zero';

export function vectorProblem(v: ArrayLike<number>, dim: number): VectorProblem | null {
  if (v.length !== dim) return 'wrong-dimension';
  let nonZero = false;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) return 'not-finite';
    if (x !== 0) nonZero = true;
  }
  return nonZero ? null : 'all-zero';
}

/** Returns a new unit-length Float32Array. Throws on a zero vector (it has no direction). */
export function l2Normalize(v: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (!(norm > 0) || !Number.isFinite(norm)) throw new RangeError('cannot normalise a zero or non-finite vector');
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

/** Dot product of two equal-length vectors: the cosine similarity when both are unit length. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`dimension mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cosine similarity of any two non-zero vectors, in [-1, 1]. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const d = dot(a, b);
  const na = Math.sqrt(dot(a, a));
  const nb = Math.sqrt(dot(b, b));
  if (!(na > 0) || !(nb > 0)) throw new RangeError('cosine of a zero vector is undefined');
  return d / (na * nb);
}

/** Mean of several vectors, re-normalised: a student's template or a track's combined embedding. */
export function meanNormalized(vectors: readonly ArrayLike<number>[]): Float32Array {
  const first = vectors[0];
  if (!first) throw new RangeError('mean of no vectors');
  const acc = new Float32Array(first.length);
  for (const v of vectors) {
    if (v.length !== acc.length) throw new RangeError(`dimension mismatch: ${v.length} vs ${acc.length}`);
    for (let i = 0; i < acc.length; i++) acc[i]! += v[i]!;
  }
  return l2Normalize(acc);
}
