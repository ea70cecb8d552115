// The gallery: students' embeddings, searched exactly (small scopes) or through HNSW candidates
// re-ranked exactly (large ones), answering "which enrolled student is this, or nobody".
import { dot, l2Normalize, meanNormalized, modelDim, vectorProblem, type ModelId } from '@rollcall/contracts';
import { DEFAULT_SCORING, decide, decideByVote, resolveDecisionParams, type Candidate, type Decision, type DecisionParams, type Scoring, type TrackDecision, type VoteParams } from './decision.ts';
import { MatcherError } from './errors.ts';
import { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswParams } from './hnsw-index.ts';
import { loadHnswLibrary, type HnswLibrary } from './hnswlib.ts';
import { VectorStore } from './vector-store.ts';

export interface GalleryEntry {
  studentId: string;
  embeddingId: string;
  vector: ArrayLike<number>;
}

/** A gallery's contents with their slot numbering (what a snapshot stores). */
export interface GalleryState {
  modelId: ModelId;
  dim: number;
  /** Slot-major unit vectors, `live.length` x `dim`; free slots are zeros. */
  vectors: Float32Array;
  /** 1 where the slot holds an embedding. */
  live: Uint8Array;
  /** Per slot: [studentId, embeddingId], or null for a free slot. */
  owners: ([string, string] | null)[];
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
   * Scopes with fewer embeddings than this are scanned exactly, and no HNSW graph is built until
   * the gallery reaches it. Default: the crossover measured by `pnpm bench matcher`.
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

export interface TrackParams extends DecisionParams, VoteParams {
  /** 'mean' decides on the track's mean embedding (default); 'vote' decides per frame and votes. */
  combine?: 'mean' | 'vote';
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
  private store: VectorStore;
  private index: HnswIndex | null = null;
  private readonly students = new Map<string, StudentRecord>();
  private readonly slotOf = new Map<string, number>();
  /** Per slot: [studentId, embeddingId], or undefined when the slot is free. */
  private slotOwner: ([string, string] | undefined)[] = [];
  private scratch = new Float64Array(0);

  private constructor(
    private readonly lib: HnswLibrary,
    options: GalleryOptions,
    store?: VectorStore,
  ) {
    this.modelId = options.modelId;
    this.dim = modelDim(options.modelId);
    this.exactBelow = options.exactBelow ?? DEFAULT_EXACT_BELOW;
    this.candidates = options.candidates ?? DEFAULT_CANDIDATES;
    this.hnswParams = { ...DEFAULT_HNSW_PARAMS, ...options.hnsw };
    if (!(this.exactBelow >= 0)) throw new MatcherError('invalid-parameter', `exactBelow must be >= 0, got ${this.exactBelow}`);
    if (!Number.isInteger(this.candidates) || this.candidates < 1) throw new MatcherError('invalid-parameter', `candidates must be a positive integer`);
    this.store = store ?? new VectorStore(this.dim);
  }

  static async create(options: GalleryOptions, entries: readonly GalleryEntry[] = []): Promise<Gallery> {
    const gallery = new Gallery(await loadHnswLibrary(), options);
    gallery.add(entries);
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

  /**
   * A separate gallery holding only these students: one index per roster. Worth it only for a big
   * roster queried many times (3000 students: 1.2 ms per query vs 16 ms scanning the roster).
   */
  subset(studentIds: Iterable<string>, options: Partial<Omit<GalleryOptions, 'modelId'>> = {}): Promise<Gallery> {
    const own = { modelId: this.modelId, exactBelow: this.exactBelow, candidates: this.candidates, hnsw: this.hnswParams };
    return Gallery.create({ ...own, ...options }, this.entriesOf(studentIds));
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
    if (!this.index && this.store.size >= this.exactBelow && this.store.size > 0) this.buildIndex();
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

  /** Builds the HNSW graph now (normally done when the gallery reaches `exactBelow`). */
  buildIndex(): void {
    this.index?.dispose();
    const index = HnswIndex.create(this.lib, this.dim, this.hnswParams, Math.max(1024, this.store.capacity));
    const slots: number[] = [];
    for (let s = 0; s < this.store.extent; s++) if (this.store.isLive(s)) slots.push(s);
    index.addMany(slots, slots.map((s) => this.store.vector(s)));
    this.index = index;
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

  /** Decides on several embeddings of one face over consecutive frames. */
  identifyTrack(queries: readonly ArrayLike<number>[], params: TrackParams, options: Omit<SearchOptions, 'scoring' | 'limit'> = {}): TrackDecision {
    const resolved = resolveDecisionParams(params);
    if (queries.length === 0) throw new MatcherError('invalid-parameter', 'a track needs at least one embedding');
    const units = queries.map((q) => this.unit(q, 'query'));
    if ((params.combine ?? 'mean') === 'mean') {
      return { ...this.identify(meanNormalized(units), resolved, options), frames: units.length, votes: null };
    }
    return decideByVote(
      units.map((u) => this.identify(u, resolved, options)),
      resolved,
      params,
    );
  }

  /** Releases the wasm memory of the HNSW graph. */
  dispose(): void {
    this.index?.dispose();
    this.index = null;
  }

  /** The raw state, slot numbering included, for a snapshot (see persistence.ts). */
  exportState(): GalleryState {
    const { vectors, live } = this.store.exportRange();
    const owners = Array.from({ length: live.length }, (_, s) => this.slotOwner[s] ?? null);
    return { modelId: this.modelId, dim: this.dim, vectors, live, owners };
  }

  /** The HNSW graph, if built: persistence saves it beside the state. */
  get graph(): HnswIndex | null {
    return this.index;
  }

  /**
   * Rebuilds a gallery from exported state. `graph` is a graph saved with that state (labels are
   * its slots); without one, a graph is built if the gallery is at or above `exactBelow`.
   */
  static async restore(options: GalleryOptions, state: GalleryState, graph: HnswIndex | null = null): Promise<Gallery> {
    const dim = modelDim(options.modelId);
    if (state.modelId !== options.modelId) throw new MatcherError('model-mismatch', `state is for model ${state.modelId}, not ${options.modelId}`);
    if (state.dim !== dim || state.vectors.length !== state.live.length * dim || state.owners.length !== state.live.length) {
      throw new MatcherError('corrupt-snapshot', `state sizes do not agree with ${dim}-d vectors`);
    }
    const store = VectorStore.fromRange(dim, state.vectors, state.live, state.live.length);
    const gallery = new Gallery(await loadHnswLibrary(), options, store);
    state.owners.forEach((owner, slot) => {
      if (!owner || !state.live[slot]) return;
      const [studentId, embeddingId] = owner;
      gallery.slotOf.set(embeddingId, slot);
      gallery.slotOwner[slot] = [studentId, embeddingId];
      const st = gallery.students.get(studentId);
      if (st) st.slots.push(slot);
      else gallery.students.set(studentId, { slots: [slot], template: store.vector(slot) });
    });
    if (gallery.slotOf.size !== store.size) throw new MatcherError('corrupt-snapshot', 'live slots and owners disagree');
    for (const id of gallery.students.keys()) gallery.refreshTemplate(id);
    gallery.index = graph;
    if (!graph && store.size >= gallery.exactBelow && store.size > 0) gallery.buildIndex();
    return gallery;
  }

  private methodFor(asked: SearchMethod, roster: ReadonlySet<string> | undefined): 'exact' | 'hnsw' {
    if (asked === 'exact' || this.store.size === 0) return 'exact';
    if (asked === 'hnsw') {
      if (!this.index) this.buildIndex();
      return 'hnsw';
    }
    // A roster is always scanned exactly: measured, the shared graph with a label filter is far
    // slower (hnswlib calls the JS filter on every node it visits and wades through the rest of
    // the school); for a big roster queried often, `subset()` builds it its own graph.
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
      if (typeof e.embeddingId !== 'string' || e.embeddingId === '') throw new MatcherError('invalid-parameter', `an entry of student ${e.studentId} has no embeddingId`);
      if (this.slotOf.has(e.embeddingId) || ids.has(e.embeddingId)) throw new MatcherError('duplicate-embedding', `embedding ${e.embeddingId} is already in the gallery`);
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
