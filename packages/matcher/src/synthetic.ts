// Seeded, clustered embeddings shaped like real face embeddings (several per identity around an
// identity centre, all sharing a common direction), for tests and `pnpm bench matcher`.
import { l2Normalize } from '@rollcall/contracts';

/** Cosine structure of a model's embeddings: same-person and different-person similarity. */
export interface EmbeddingProfile {
  /** Expected cosine between two embeddings of the same person. */
  intra: number;
  /** Expected cosine between embeddings of different people. */
  inter: number;
}

/**
 * Typical figures: face-api's 128-d descriptors sit in a narrow cone (different people ~0.75,
 * same person ~0.95, hence a ~0.94 threshold); Human's 1024-d faceres spreads wider.
 */
export const PROFILES: Record<number, EmbeddingProfile> = {
  128: { intra: 0.95, inter: 0.75 },
  1024: { intra: 0.75, inter: 0.3 },
};

export function profileFor(dim: number): EmbeddingProfile {
  return PROFILES[dim] ?? { intra: 0.8, inter: 0.3 };
}

/** mulberry32: a tiny seeded PRNG, so every run draws the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function randomUnit(dim: number, normal: () => number): Float32Array {
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) v[i] = normal();
  return l2Normalize(v);
}

/**
 * A population: v = a*common + b*centre_i + c*noise with a^2 = inter, b^2 = intra - inter,
 * c^2 = 1 - intra, so E[cos] is `intra` within a person and `inter` across people.
 */
export class SyntheticFaces {
  readonly dim: number;
  private readonly normal: () => number;
  private readonly common: Float32Array;
  private readonly centres: Float32Array[] = [];
  private readonly a: number;
  private readonly b: number;
  private readonly c: number;

  constructor(dim: number, seed = 1, profile: EmbeddingProfile = profileFor(dim)) {
    this.dim = dim;
    this.normal = gaussian(prng(seed));
    this.common = randomUnit(dim, this.normal);
    this.a = Math.sqrt(profile.inter);
    this.b = Math.sqrt(profile.intra - profile.inter);
    this.c = Math.sqrt(1 - profile.intra);
  }

  /** Identity i's centre (created on first use; identities are numbered from 0). */
  private centre(i: number): Float32Array {
    while (this.centres.length <= i) this.centres.push(randomUnit(this.dim, this.normal));
    return this.centres[i]!;
  }

  /** One more embedding ("photo") of identity i. */
  sample(i: number): Float32Array {
    const centre = this.centre(i);
    const noise = randomUnit(this.dim, this.normal);
    const v = new Float32Array(this.dim);
    for (let j = 0; j < this.dim; j++) v[j] = this.a * this.common[j]! + this.b * centre[j]! + this.c * noise[j]!;
    return l2Normalize(v);
  }

  /** `perIdentity` embeddings for each of `identities` people, as gallery entries. */
  entries(identities: number, perIdentity = 5, firstIdentity = 0): { studentId: string; embeddingId: string; vector: Float32Array }[] {
    const out = [];
    for (let i = firstIdentity; i < firstIdentity + identities; i++) {
      for (let k = 0; k < perIdentity; k++) out.push({ studentId: `S${i}`, embeddingId: `S${i}-e${k}`, vector: this.sample(i) });
    }
    return out;
  }
}
