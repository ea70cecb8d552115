// Unit vectors in one contiguous Float32Array, addressed by slot: the exact scan reads it in
// order, and the slot doubles as the HNSW label, so both paths name a vector the same way.

export class VectorStore {
  readonly dim: number;
  private data: Float32Array;
  private live: Uint8Array;
  /** Slots below this have been handed out at least once. */
  private highWater = 0;
  private readonly free: number[] = [];
  private liveCount = 0;

  constructor(dim: number, initialCapacity = 256) {
    this.dim = dim;
    const cap = Math.max(1, initialCapacity);
    this.data = new Float32Array(cap * dim);
    this.live = new Uint8Array(cap);
  }

  get size(): number {
    return this.liveCount;
  }

  /** One past the highest slot ever used: the range the scan covers. */
  get extent(): number {
    return this.highWater;
  }

  get capacity(): number {
    return this.live.length;
  }

  isLive(slot: number): boolean {
    return this.live[slot] === 1;
  }

  /** Stores a unit vector; re-uses the most recently freed slot first. */
  put(unit: Float32Array): number {
    const slot = this.free.pop() ?? this.highWater++;
    if (slot >= this.live.length) this.grow(Math.max(slot + 1, this.live.length * 2));
    this.data.set(unit, slot * this.dim);
    this.live[slot] = 1;
    this.liveCount++;
    return slot;
  }

  release(slot: number): void {
    if (this.live[slot] !== 1) return;
    this.live[slot] = 0;
    this.data.fill(0, slot * this.dim, (slot + 1) * this.dim);
    this.free.push(slot);
    this.liveCount--;
  }

  /** A view (not a copy) of one slot's vector. */
  vector(slot: number): Float32Array {
    return this.data.subarray(slot * this.dim, (slot + 1) * this.dim);
  }

  dotAt(slot: number, q: Float32Array): number {
    return dotRow(this.data, slot * this.dim, q);
  }

  /**
   * Writes q·v for every slot below `extent` into `out` (dead slots get -Infinity). This is the
   * exact path: one pass over contiguous memory, no per-vector allocation.
   */
  scanAll(q: Float32Array, out: Float64Array): void {
    const { data, live, dim } = this;
    for (let s = 0, o = 0; s < this.highWater; s++, o += dim) {
      out[s] = live[s] === 1 ? dotRow(data, o, q) : -Infinity;
    }
  }

  private grow(capacity: number): void {
    const data = new Float32Array(capacity * this.dim);
    data.set(this.data);
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.data = data;
    this.live = live;
  }
}

/** Dot product of q with the row of `data` starting at `offset`, unrolled by four for speed. */
function dotRow(data: Float32Array, offset: number, q: Float32Array): number {
  const n = q.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    s0 += data[offset + j]! * q[j]!;
    s1 += data[offset + j + 1]! * q[j + 1]!;
    s2 += data[offset + j + 2]! * q[j + 2]!;
    s3 += data[offset + j + 3]! * q[j + 3]!;
  }
  for (; j < n; j++) s0 += data[offset + j]! * q[j]!;
  return s0 + s1 + s2 + s3;
}
