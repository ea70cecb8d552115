// The gallery: students' embeddings, searched exactly (small scopes) or through HNSW candidates
// re-ranked exactly (large ones), answering "which enrolled student is this, or nobody".
import { dot, l2Normalize, meanNormalized, modelDim, vectorProblem, type ModelId } from '@rollcall/contracts';
import { DEFAULT_SCORING, decide, resolveDecisionParams, type Candidate, type Decision, type DecisionParams, type Scoring } from './decision.ts';
import { MatcherError } from './errors.ts';
import { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswParams } from './hnsw-index.ts';
import { loadHnswLibrary, type HnswLibrary } from './hnswlib.ts';
import { VectorStore } from './vector-store.ts';

export interface GalleryEntry {
  studentId: string;
  embeddingId: string;
  vector: ArrayLike<number>;
}

/** Students a search is limited to (a class roster). */
export type Roster = ReadonlySet<string> | readonly string[];

/**
 * 'auto' (default): exact for a roster or a gallery below `exactBelow`, else HNSW. 'hnsw' forces the
 * graph (with a roster: a label filter on the shared graph, kept for measurement; it is slow).
 */
export type SearchMethod = 'auto' | 'exact' | 'hnsw';

export interface GalleryOptions {
  modelId: ModelId;
  hnsw?: Partial<HnswParams>;
  /**
   * Scopes with fewer embeddings than this are scanned exactly, and hnswlib is neither loaded nor
   * a graph built until the gallery reaches it. Default: the crossover measured by `pnpm bench matcher`.
   */
  exactBelow?: number;
  /** Embeddings HNSW returns for exact re-ranking (default 64). */
  candidates?: number;
}

export interface SearchOptions {
  roster?: Roster;
  method?: SearchMethod;
  scoring?: Scoring;
  /** Students returned (default: all that were scored). */
  limit?: number;
}

/**
 * Measured on the project's 2-core machine (docs/benchmarks/matcher.md): the full HNSW query
 * (candidates + exact re-rank) overtakes the exact scan between 1000 and 2000 embeddings, at 128-d
 * and 1024-d alike, and is ~2x faster at 2000. Below that the scan stays under ~0.7 ms (128-d) /
 * ~3 ms (1024-d) and spares building the graph (1-5 ms per insert).
 */
export const DEFAULT_EXACT_BELOW = 2000;
export const DEFAULT_CANDIDATES = 64;

interface StudentRecord {
  slots: number[];
  template: Float32Array;
}

export class Gallery {
  readonly modelId: ModelId;
  readonly dim: number;
  readonly exactBelow: number;
  readonly candidates: number;
  readonly hnswParams: HnswParams;
  private readonly store: VectorStore;
  private index: HnswIndex | null = null;
  /** The graph being built in the background after the gallery reached `exactBelow`. */
  private indexing: Promise<void> | null = null;
  /** Why hnswlib could not be loaded: the gallery then stays exact. */
  private indexFailure: MatcherError | null = null;
  private disposed = false;
  private readonly students = new Map<string, StudentRecord>();
  private readonly slotOf = new Map<string, number>();
  /** Per slot: [studentId, embeddingId], or undefined when the slot is free. */
  private slotOwner: ([string, string] | undefined)[] = [];
  private scratch = new Float64Array(0);

  private constructor(options: GalleryOptions) {
    this.modelId = options.modelId;
    this.dim = modelDim(options.modelId);
    this.exactBelow = options.exactBelow ?? DEFAULT_EXACT_BELOW;
    this.candidates = options.candidates ?? DEFAULT_CANDIDATES;
    this.hnswParams = { ...DEFAULT_HNSW_PARAMS, ...options.hnsw };
    if (!(this.exactBelow >= 0)) throw new MatcherError('invalid-parameter', `exactBelow must be >= 0, got ${this.exactBelow}`);
    if (!Number.isInteger(this.candidates) || this.candidates < 1) throw new MatcherError('invalid-parameter', `candidates must be a positive integer`);
    this.store = new VectorStore(this.dim);
  }

  /**
   * A gallery of these entries; resolves once its graph is built when it holds `exactBelow` or
   * more. If hnswlib cannot load, the gallery still answers, exactly (see `indexed`).
   */
  static async create(options: GalleryOptions, entries: readonly GalleryEntry[] = []): Promise<Gallery> {
    const gallery = new Gallery(options);
    gallery.add(entries);
    await gallery.indexed().catch(() => undefined);
    return gallery;
  }

  /** Embeddings held. */
  get size(): number {
    return this.store.size;
  }

  get studentCount(): number {
    return this.students.size;
  }

  /** Whether an HNSW graph has been built (the gallery reached `exactBelow`, or one was asked for). */
  get hasIndex(): boolean {
    return this.index !== null;
  }

  /**
   * Settles when the graph started at `exactBelow` is built; rejects with `index-failed` when
   * hnswlib could not be loaded. Searches never wait for it: until then they scan exactly.
   */
  indexed(): Promise<void> {
    if (this.indexing) return this.indexing;
    return this.indexFailure ? Promise.reject(this.indexFailure) : Promise.resolve();
  }

  has(embeddingId: string): boolean {
    return this.slotOf.has(embeddingId);
  }

  studentIds(): string[] {
    return [...this.students.keys()];
  }

  embeddingIdsOf(studentId: string): string[] {
    return (this.students.get(studentId)?.slots ?? []).map((s) => this.slotOwner[s]![1]);
  }

  /** Copies of the students' entries (vectors as stored: unit length). */
  entriesOf(studentIds: Iterable<string>): GalleryEntry[] {
    const out: GalleryEntry[] = [];
    for (const studentId of studentIds) {
      for (const s of this.students.get(studentId)?.slots ?? []) {
        out.push({ studentId, embeddingId: this.slotOwner[s]![1], vector: this.store.vector(s).slice() });
      }
    }
    return out;
  }

  /** Adds embeddings; all are checked before any is added, so a bad one leaves the gallery as it was. */
  add(entries: readonly GalleryEntry[]): void {
    const units = this.validate(entries);
    const touched = new Set<string>();
    const slots: number[] = [];
    entries.forEach((e, i) => {
      const slot = this.store.put(units[i]!);
      slots.push(slot);
      this.slotOf.set(e.embeddingId, slot);
      this.slotOwner[slot] = [e.studentId, e.embeddingId];
      let student = this.students.get(e.studentId);
      if (!student) this.students.set(e.studentId, (student = { slots: [], template: units[i]! }));
      student.slots.push(slot);
      touched.add(e.studentId);
    });
    if (slots.length > 0) this.index?.addMany(slots, units);
    for (const id of touched) this.refreshTemplate(id);
    if (!this.index && !this.indexing && !this.indexFailure && this.reachedThreshold()) this.startIndex();
  }

  /** Removes embeddings by id (an unknown id is an error and nothing is removed). */
  remove(embeddingIds: readonly string[]): void {
    const unknown = embeddingIds.find((id) => !this.slotOf.has(id));
    if (unknown !== undefined) throw new MatcherError('unknown-embedding', `embedding ${unknown} is not in the gallery`);
    const touched = new Set<string>();
    for (const id of embeddingIds) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue; // listed twice
      const [studentId] = this.slotOwner[slot]!;
      this.slotOf.delete(id);
      this.slotOwner[slot] = undefined;
      this.store.release(slot);
      this.index?.remove(slot);
      const student = this.students.get(studentId)!;
      student.slots = student.slots.filter((s) => s !== slot);
      touched.add(studentId);
    }
    for (const id of touched) this.refreshTemplate(id);
  }

  /** Removes every embedding of a student; returns how many there were. */
  removeStudent(studentId: string): number {
    const ids = this.embeddingIdsOf(studentId);
    this.remove(ids);
    return ids.length;
  }

  /** Loads hnswlib and (re)builds the HNSW graph now, whatever the size (normally done at `exactBelow`). */
  async buildIndex(): Promise<void> {
    this.buildIndexWith(await loadHnswLibrary());
  }

  /** Students ranked by score (best first), with both their best and mean-template similarity. */
  search(query: ArrayLike<number>, options: SearchOptions = {}): Candidate[] {
    const q = this.unit(query, 'query');
    const roster = options.roster === undefined ? undefined : options.roster instanceof Set ? options.roster : new Set(options.roster);
    const top = new TopCandidates(options.scoring ?? DEFAULT_SCORING, options.limit ?? Infinity);
    if (this.methodFor(options.method ?? 'auto', roster) === 'hnsw') this.hnswCandidates(q, roster, top);
    else this.exactCandidates(q, roster, top);
    return top.ranked;
  }

  /** Which enrolled student this is, or unknown (see `decide`). */
  identify(query: ArrayLike<number>, params: DecisionParams, options: Omit<SearchOptions, 'scoring' | 'limit'> = {}): Decision {
    const resolved = resolveDecisionParams(params);
    // The runner-up is needed for the margin even when only one candidate is shown.
    return decide(this.search(query, { ...options, scoring: resolved.scoring, limit: Math.max(resolved.topK, 2) }), resolved);
  }

  /** Releases the wasm memory of the HNSW graph; a graph still loading is not built. */
  dispose(): void {
    this.disposed = true;
    this.index?.dispose();
    this.index = null;
  }

  /** The HNSW graph's capacity in elements, or 0 without a graph (for the bench's memory estimate). */
  get graphCapacity(): number {
    return this.index?.capacity ?? 0;
  }

  private reachedThreshold(): boolean {
    return this.store.size > 0 && this.store.size >= this.exactBelow;
  }

  // hnswlib is imported only here, once the gallery is big enough to need it: below the threshold
  // a page never fetches or compiles its ~700 kB of glue and inlined wasm. Should the load fail,
  // the gallery stays on the exact scan (which class rosters use anyway) instead of failing.
  private startIndex(): void {
    const run = loadHnswLibrary().then((lib) => {
      if (!this.disposed && !this.index && this.reachedThreshold()) this.buildIndexWith(lib);
    });
    this.indexing = run;
    run.then(
      () => (this.indexing = null),
      (cause: unknown) => {
        this.indexing = null;
        this.indexFailure = cause instanceof MatcherError ? cause : new MatcherError('index-failed', String(cause), { cause });
      },
    );
  }

  private buildIndexWith(lib: HnswLibrary): void {
    this.index?.dispose();
    const index = HnswIndex.create(lib, this.dim, this.hnswParams, Math.max(1024, this.store.capacity));
    const slots: number[] = [];
    for (let s = 0; s < this.store.extent; s++) if (this.store.isLive(s)) slots.push(s);
    index.addMany(
      slots,
      slots.map((s) => this.store.vector(s)),
    );
    this.index = index;
  }

  private methodFor(asked: SearchMethod, roster: ReadonlySet<string> | undefined): 'exact' | 'hnsw' {
    if (asked === 'exact' || this.store.size === 0) return 'exact';
    if (asked === 'hnsw') {
      if (this.index) return 'hnsw';
      throw new MatcherError('index-failed', `no HNSW graph to search: ${this.indexFailure?.message ?? 'await buildIndex() or indexed() first'}`);
    }
    // A roster is always scanned exactly: measured, the shared graph with a label filter is far
    // slower (hnswlib calls the JS filter on every node it visits and wades through the rest of
    // the school).
    if (!this.index || roster !== undefined) return 'exact';
    return this.store.size < this.exactBelow ? 'exact' : 'hnsw';
  }

  private exactCandidates(q: Float32Array, roster: ReadonlySet<string> | undefined, top: TopCandidates): void {
    if (roster === undefined) {
      // One pass over the contiguous store, then a per-student max over the precomputed scores.
      if (this.scratch.length < this.store.extent) this.scratch = new Float64Array(this.store.capacity);
      this.store.scanAll(q, this.scratch);
      for (const [studentId, st] of this.students) {
        let best = -Infinity;
        for (const s of st.slots) best = Math.max(best, this.scratch[s]!);
        top.offer(studentId, best, dot(q, st.template), st.slots.length);
      }
      return;
    }
    for (const studentId of roster) {
      const st = this.students.get(studentId);
      if (st) this.scoreStudent(q, studentId, st, top);
    }
  }

  private hnswCandidates(q: Float32Array, roster: ReadonlySet<string> | undefined, top: TopCandidates): void {
    const filter = roster === undefined ? undefined : (label: number) => roster.has(this.slotOwner[label]?.[0] ?? '');
    const seen = new Set<string>();
    // HNSW only proposes students; each is then scored exactly over all of their embeddings.
    for (const label of this.index!.search(q, this.candidates, filter)) {
      const owner = this.slotOwner[label];
      if (!owner || seen.has(owner[0])) continue;
      seen.add(owner[0]);
      this.scoreStudent(q, owner[0], this.students.get(owner[0])!, top);
    }
  }

  private scoreStudent(q: Float32Array, studentId: string, st: StudentRecord, top: TopCandidates): void {
    let best = -Infinity;
    for (const s of st.slots) best = Math.max(best, this.store.dotAt(s, q));
    top.offer(studentId, best, dot(q, st.template), st.slots.length);
  }

  private refreshTemplate(studentId: string): void {
    const st = this.students.get(studentId)!;
    if (st.slots.length === 0) this.students.delete(studentId);
    else st.template = meanNormalized(st.slots.map((s) => this.store.vector(s)));
  }

  private validate(entries: readonly GalleryEntry[]): Float32Array[] {
    const ids = new Set<string>();
    return entries.map((e) => {
      if (typeof e.studentId !== 'string' || e.studentId === '') throw new MatcherError('invalid-parameter', 'an entry has no studentId');
      if (typeof e.embeddingId !== 'string' || e.embeddingId === '')
        throw new MatcherError('invalid-parameter', `an entry of student ${e.studentId} has no embeddingId`);
      if (this.slotOf.has(e.embeddingId) || ids.has(e.embeddingId))
        throw new MatcherError('duplicate-embedding', `embedding ${e.embeddingId} is already in the gallery`);
      ids.add(e.embeddingId);
      return this.unit(e.vector, `embedding ${e.embeddingId}`);
    });
  }

  private unit(v: ArrayLike<number>, what: string): Float32Array {
    const problem = vectorProblem(v, this.dim);
    if (problem === 'wrong-dimension') {
      throw new MatcherError('dimension-mismatch', `${what} has ${v.length} dimensions; model ${this.modelId} has ${this.dim}`);
    }
    if (problem) throw new MatcherError('invalid-vector', `${what} is ${problem === 'all-zero' ? 'all zeros' : 'not finite'}`);
    return l2Normalize(v);
  }
}

/** Keeps the `limit` best-scoring students, allocating only for those that make the cut. */
class TopCandidates {
  readonly ranked: Candidate[] = [];
  constructor(
    private readonly scoring: Scoring,
    private readonly limit: number,
  ) {}

  offer(studentId: string, best: number, mean: number, embeddings: number): void {
    const score = this.scoring === 'best' ? best : mean;
    const r = this.ranked;
    if (r.length >= this.limit && score <= r[r.length - 1]!.score) return;
    let i = r.length;
    while (i > 0 && r[i - 1]!.score < score) i--;
    r.splice(i, 0, { studentId, score, best, mean, embeddings });
    if (r.length > this.limit) r.pop();
  }
}
