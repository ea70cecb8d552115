// The recognition session: frames of detected faces in; track states, marks and review items out.
// Pure and synchronous, clock injected through `frame.at`, so the Take attendance page, the CLI,
// the classroom simulation and the benchmarks run the very same decisions. The caller makes the
// marks (outbox) and thumbnails; the session only decides.
import type { Gallery } from '@rollcall/matcher';
import { judgeFrames, type Candidate, type Evidence, type JudgedFrame, type Judgement } from './judge.ts';
import { assessLiveness, type LivenessParams, type LivenessVerdict } from './liveness/index.ts';
import type { RecognitionParams } from './params.ts';
import type { FrameFlaw } from './quality.ts';
import { MarkedRegistry } from './registry.ts';
import { Tracker, type Track } from './tracker.ts';
import type { Box, FrameObservation } from './types.ts';

export type { Candidate } from './judge.ts';
export type ReviewReason = 'close' | 'ambiguous' | 'liveness' | 'presentation';
/**
 * Why an undecided face still waits, when there is more to say than "just arrived": its recent
 * frames do not count (and what is wrong with them: small, blurred, turned, eyes closed), or it
 * matched and the liveness check is still watching it move. The page turns this into a hint.
 */
export type Waiting = { for: 'clear-frames'; flaws: FrameFlaw[] } | { for: 'life' };
export type TrackState =
  | { kind: 'pending'; waiting?: Waiting }
  | { kind: 'marked'; studentId: string; score: number }
  | { kind: 'already'; studentId: string; score: number }
  | { kind: 'unknown'; score: number | null }
  | { kind: 'review'; why: ReviewReason; candidates: Candidate[] };
export interface TrackView {
  id: number;
  box: Box;
  state: TrackState;
  frames: number;
}
export interface MarkDecision {
  trackId: number;
  studentId: string;
  score: number;
  at: number;
  /** Which frames, with which weights and scores, the mark rests on. */
  evidence: Evidence;
  /** The best other student's score, and the frames (with embeddings) decided on: what learning from sightings reads. */
  runnerUp: number | null;
  frames: JudgedFrame[];
  /**
   * The review reason ('liveness', or 'presentation' for a face first judged flat) when the track
   * had gone to review and later frames proved it live: the caller removes that review item, the
   * student is marked.
   */
  resolves?: 'liveness' | 'presentation';
  /** With `resolves`: the track whose review item this mark settles (this track's own, or the earlier one it joined). */
  resolvesTrack?: number;
  /**
   * Marked although the face may be a photo or a screen (motion said live, the texture was unsure)
   * because the school chose to mark and flag such faces: the words the register shows with the mark.
   */
  doubt?: string;
}
export interface ReviewDecision {
  trackId: number;
  why: ReviewReason;
  /** The top two by score; none more than `lowerBand` under the threshold (stranger-like). May be empty. */
  candidates: Candidate[];
  box: Box;
  at: number;
  evidence: Evidence;
  /** The liveness rule's reasons, for 'liveness' and 'presentation'. */
  reasons: string[];
  /**
   * The best other student's score (offered or not) and the frames (with embeddings) decided on,
   * as for a mark: what a teacher's confirmation may teach (learn.ts `reviewSighting`).
   */
  runnerUp: number | null;
  frames: JudgedFrame[];
}
export interface SessionStep {
  tracks: TrackView[];
  marks: MarkDecision[];
  reviews: ReviewDecision[];
}

export interface SessionOptions {
  gallery: Gallery;
  /** null = every enrolled student. */
  roster: ReadonlySet<string> | null;
  params: RecognitionParams;
  liveness: LivenessParams;
  /** In a session a student is marked once; otherwise once per cooldown. */
  inSession: boolean;
  cooldownMs: number;
  /** Marked before the first frame (this session, or within the cooldown): noted at the first frame's time. */
  alreadyMarked?: Iterable<string>;
}

interface TrackRecord {
  state: TrackState;
  /** When the decided state was last confirmed by fresh embeddings. */
  verifiedAt: number;
  /** When the track went to review (only set for reviews). */
  reviewedAt?: number;
  /** When its last second look began (see `scheduleLook`). */
  lookedAt?: number;
  /** The track whose review item this one joined (see `reviewRepeatMs`); its own id when it raised one. */
  reviewTrack?: number;
}

/**
 * Decided tracks are followed on the light path and re-checked every `reverifyMs`. A face judged
 * unknown (a visitor, or a student not recognisable yet) is one of them: with several strangers
 * in view, embedding them on every frame was most of a frame's cost. Its re-check decides afresh,
 * so a student who turns towards the camera is still marked, a few seconds later.
 */
const isDecided = (s: TrackState) => s.kind === 'marked' || s.kind === 'already' || s.kind === 'review' || s.kind === 'unknown';
/**
 * A matched face sent to review because it had not shown life (or looked flat, like a picture).
 * For `lifeWatchMs` it stays on the full path (mesh and embedding every frame), so a student who
 * stood still at first is still marked once they move: in the classroom simulation at 2 fps many
 * genuine tracks first ended here. After that it is followed like any decided track, and looked at
 * again (the full path for one liveness window) every `lifeRewatchMs`, so a student who sat still
 * for a minute and then turns is still marked. A picture gains nothing from the extra looks: each
 * window is judged afresh on its own frames, as `pnpm rollcall liveness` judges an attack at every
 * frame of its track.
 */
const waitsForLife = (r: TrackRecord) => r.state.kind === 'review' && (r.state.why === 'liveness' || r.state.why === 'presentation');

export class RecognitionSession {
  private gallery: Gallery;
  private roster: ReadonlySet<string> | null;
  private params: RecognitionParams;
  private liveness: LivenessParams;
  private inSession: boolean;
  private readonly registry: MarkedRegistry;
  private readonly tracker: Tracker;
  private readonly records = new Map<number, TrackRecord>();
  private seed: string[] | null;
  /** The one face having a second look now, and until when; none before `lookGapUntil`. */
  private look: { id: number; until: number } | null = null;
  private lookGapUntil = -Infinity;
  /** The last review item raised per question (reason and student offered first): which track raised it, and when. */
  private readonly offered = new Map<string, { trackId: number; at: number }>();

  constructor(opts: SessionOptions) {
    this.gallery = opts.gallery;
    this.roster = opts.roster;
    this.params = opts.params;
    this.liveness = opts.liveness;
    this.inSession = opts.inSession;
    this.registry = new MarkedRegistry(opts.cooldownMs);
    this.tracker = new Tracker(opts.params);
    this.seed = opts.alreadyMarked ? [...opts.alreadyMarked] : null;
  }

  /**
   * Boxes of tracks that need no embedding this frame (decided, re-verify not due): a worker skips
   * mesh, antispoof, liveness and embedding for faces overlapping them (see `needsEmbedding`).
   */
  skipBoxes(at: number): Box[] {
    const period = this.reverifyPeriod(at);
    return this.tracker.all
      .filter((t) => {
        const r = this.records.get(t.id);
        return r !== undefined && isDecided(r.state) && !this.watching(t.id, r, at) && at - r.verifiedAt < period;
      })
      .map((t) => t.box);
  }

  /**
   * How long a decided track is followed before it is embedded again: `reverifyMs`, stretched so
   * that re-checking every followed track costs at most `reverifyPerSecond` embeddings a second.
   */
  reverifyPeriod(at: number): number {
    const p = this.params;
    let followed = 0;
    for (const [id, r] of this.records) if (isDecided(r.state) && !this.watching(id, r, at)) followed++;
    return Math.max(p.reverifyMs, (1000 * followed * p.reverifyFrames) / p.reverifyPerSecond);
  }

  /** Whether a face waiting for life is on the full path now: its first watch, or its second look. */
  private watching(id: number, r: TrackRecord, at: number): boolean {
    if (!waitsForLife(r)) return false;
    if (at - (r.reviewedAt ?? -Infinity) < this.params.lifeWatchMs) return true;
    return this.look !== null && this.look.id === id && at < this.look.until;
  }

  /**
   * Second looks take turns: one face at a time, for one liveness window and a second to fill it,
   * and then none for twice that, so however many faces wait for life, looks add at most one full
   * pass to a third of the frames (with 8 faces in view, every face in review cost a full pass on
   * a third of all frames: half the frame rate). A face is due `lifeRewatchMs` after its last look
   * began; the one due longest goes first.
   */
  private scheduleLook(at: number): void {
    const lookMs = this.liveness.windowMs + 1000;
    const looked = this.look && this.records.get(this.look.id);
    // A look ends when its time is up, or when its face left or was marked (nothing more to see).
    if (this.look && (at >= this.look.until || !looked || !waitsForLife(looked))) {
      this.lookGapUntil = Math.min(at, this.look.until) + 2 * lookMs;
      this.look = null;
    }
    if (this.look || at < this.lookGapUntil) return;
    const p = this.params;
    let best: { id: number; due: number } | null = null;
    for (const [id, r] of this.records) {
      if (!waitsForLife(r) || at - (r.reviewedAt ?? at) < p.lifeWatchMs) continue;
      const due = (r.lookedAt ?? (r.reviewedAt ?? at) + p.lifeWatchMs - lookMs) + p.lifeRewatchMs;
      if (due <= at && (!best || due < best.due)) best = { id, due };
    }
    if (!best) return;
    this.look = { id: best.id, until: at + lookMs };
    this.records.get(best.id)!.lookedAt = at;
  }

  push(frame: FrameObservation): SessionStep {
    if (this.seed) this.noteMarked(this.seed, frame.at);
    this.seed = null;
    const step: SessionStep = { tracks: [], marks: [], reviews: [] };
    this.scheduleLook(frame.at);
    const period = this.reverifyPeriod(frame.at);
    for (let t of new Set(this.tracker.update(frame.faces, frame.at))) {
      let rec = this.record(t);
      if (rec.state.kind === 'unknown' && frame.at - rec.verifiedAt >= period) this.recheckUnknown(t, rec, frame.at, step);
      else if (isDecided(rec.state) && frame.at - rec.verifiedAt >= period) {
        const swapped = this.reverify(t, rec, frame.at);
        if (swapped) [t, rec] = [swapped, this.record(swapped)];
      }
      if (!isDecided(rec.state)) this.decide(t, rec, frame.at, step);
      else if (this.watching(t.id, rec, frame.at)) this.recheckLife(t, rec, frame.at, step);
      step.tracks.push({ id: t.id, box: t.box, state: rec.state, frames: t.frames });
    }
    for (const id of this.records.keys()) if (!this.tracker.all.some((t) => t.id === id)) this.records.delete(id);
    return step;
  }

  /**
   * The liveness verdict on a track's frames as they stand, at the session's limits (null for a
   * track no longer followed): what a measurement reports second by second, from the samples the
   * session itself keeps, so no caller keeps a copy of the tracker's.
   */
  livenessOf(trackId: number): LivenessVerdict | null {
    const t = this.tracker.all.find((x) => x.id === trackId);
    return t ? assessLiveness(t.liveness, this.liveness) : null;
  }

  /** After a sync reset or a change of enrolments: decided tracks are re-verified against it at once. */
  setGallery(g: Gallery): void {
    this.gallery = g;
    this.reverifyAll();
  }

  setRoster(r: ReadonlySet<string> | null): void {
    this.roster = r;
    this.reverifyAll();
  }

  /** Marks made by hand or on another laptop: this session will not mark them again (session/cooldown rules). */
  noteMarked(studentIds: Iterable<string>, at: number): void {
    for (const s of studentIds) this.registry.record(s, at);
  }

  /** Settings changed while running (threshold, liveness, a session started or ended, the cooldown). */
  configure(opts: Partial<Pick<SessionOptions, 'params' | 'liveness' | 'inSession' | 'cooldownMs'>>): void {
    if (opts.params) this.tracker.opts = this.params = opts.params;
    if (opts.liveness) this.liveness = opts.liveness;
    if (opts.inSession !== undefined) this.inSession = opts.inSession;
    if (opts.cooldownMs !== undefined) this.registry.setCooldown(opts.cooldownMs);
  }

  private record(t: Track): TrackRecord {
    let r = this.records.get(t.id);
    if (!r) this.records.set(t.id, (r = { state: { kind: 'pending' }, verifiedAt: -Infinity }));
    return r;
  }

  private reverifyAll(): void {
    for (const r of this.records.values()) r.verifiedAt = -Infinity;
  }

  /**
   * Re-checks a decided track on the frames embedded since its re-verify fell due. Returns the new
   * track when the face turned out to be someone else (the old track ends; its state is not
   * carried over), else null.
   */
  private reverify(t: Track, rec: TrackRecord, at: number): Track | null {
    const since = rec.verifiedAt + this.params.reverifyMs;
    const fresh = t.embedded.filter((f) => f.at >= since);
    const j = judgeFrames(fresh, this.params.reverifyFrames, this.gallery, this.roster, this.params);
    if (j.kind === 'wait') return null;
    const who =
      rec.state.kind === 'review'
        ? rec.state.candidates.map((c) => c.studentId)
        : rec.state.kind === 'pending' || rec.state.kind === 'unknown'
          ? []
          : [rec.state.studentId];
    // Only strong evidence splits a track: another student matched, or (for a marked face) a
    // stranger-like score. A face hovering near the threshold must not raise review after review.
    const stranger = j.kind === 'unknown' && rec.state.kind !== 'review' && (j.score === null || j.score < this.params.threshold - this.params.lowerBand);
    const swapped = stranger || (j.kind === 'match' && !who.includes(j.studentId));
    if (!swapped) {
      // A close or ambiguous re-check neither confirms nor refutes: keep embedding until one does.
      if (j.kind === 'match' || rec.state.kind === 'review') rec.verifiedAt = at;
      return null;
    }
    this.records.delete(t.id);
    return this.tracker.split(t, this.cutAfter(fresh, who, since));
  }

  /**
   * Where one face ends and the next begins in a swapped track: the first frame after the last
   * one that still looked like `who`. The new face must show life of its own: a live student's
   * frames (and the jump at the cut, which reads as motion) must not vouch for a screen held up
   * in their place.
   */
  private cutAfter(fresh: readonly JudgedFrame[], who: readonly string[], since: number): number {
    const p = this.params;
    const scope = this.roster ? { roster: this.roster } : {};
    const looksLike = (f: JudgedFrame) => {
      const top = this.gallery.search(f.embedding, { ...scope, scoring: p.scoring, limit: 1 })[0];
      return !!top && who.includes(top.studentId) && top.score >= p.threshold - p.lowerBand;
    };
    let lastOld = -Infinity;
    for (const f of fresh) if (looksLike(f)) lastOld = Math.max(lastOld, f.at);
    const firstNew = fresh.find((f) => f.at > lastOld);
    return Math.max(since, firstNew?.at ?? since);
  }

  private decide(t: Track, rec: TrackRecord, at: number, step: SessionStep): void {
    const p = this.params;
    const j = judgeFrames(t.embedded, p.consensusFrames, this.gallery, this.roster, p);
    if (j.kind === 'wait') {
      const flaws = flawsHolding(t.embedded.slice(-p.consensusFrames * 3));
      rec.state = flaws.length ? { kind: 'pending', waiting: { for: 'clear-frames', flaws } } : { kind: 'pending' };
      return;
    }
    if (j.kind === 'unknown') {
      rec.state = { kind: 'unknown', score: j.score };
      rec.verifiedAt = at;
      return;
    }
    if (j.kind === 'review') return this.toReview(t, rec, j.why, j.candidates, j, [], at, step);
    if (p.requireLiveness) {
      const v = assessLiveness(t.liveness, this.liveness);
      if (v.kind === 'presentation') return this.toReview(t, rec, 'presentation', j.candidates, j, v.reasons, at, step);
      if (v.kind === 'undecided') {
        // A student walking in is blurred at first, a camera warming up gives dark frames: wait a little.
        // Never before a whole liveness window was seen: a still picture needs `stillMs` to be
        // called one, and a student who barely moves should get every chance to show life first.
        const patient = t.frames >= p.consensusFrames * p.livenessPatience && at - t.firstSeen >= this.liveness.windowMs;
        if (patient) this.toReview(t, rec, 'liveness', j.candidates, j, v.reasons, at, step);
        else rec.state = { kind: 'pending', waiting: { for: 'life' } };
        return;
      }
      return this.accept(t, rec, j, at, step, { doubt: v.doubt });
    }
    this.accept(t, rec, j, at, step);
  }

  /** An unknown track whose re-check fell due: decided afresh once it has fresh frames to judge. */
  private recheckUnknown(t: Track, rec: TrackRecord, at: number, step: SessionStep): void {
    const since = rec.verifiedAt + this.params.reverifyMs;
    if (t.embedded.filter((f) => f.at >= since && f.weight > 0).length < this.params.reverifyFrames) return;
    rec.state = { kind: 'pending' };
    this.decide(t, rec, at, step);
  }

  /** A track in review for want of life (or as flat): marked once its latest frames are live and still match the student offered. */
  private recheckLife(t: Track, rec: TrackRecord, at: number, step: SessionStep): void {
    if (rec.state.kind !== 'review') return;
    const offered = rec.state.candidates[0]?.studentId;
    const j = judgeFrames(t.embedded, this.params.consensusFrames, this.gallery, this.roster, this.params);
    if (j.kind !== 'match' || j.studentId !== offered) return;
    const v = assessLiveness(t.liveness, this.liveness);
    if (v.kind !== 'live') return;
    this.accept(t, rec, j, at, step, { resolves: rec.state.why === 'presentation' ? 'presentation' : 'liveness', doubt: v.doubt });
  }

  private accept(
    t: Track,
    rec: TrackRecord,
    j: Extract<Judgement, { kind: 'match' }>,
    at: number,
    step: SessionStep,
    { resolves, doubt }: { resolves?: 'liveness' | 'presentation'; doubt?: string | undefined } = {},
  ): void {
    rec.verifiedAt = at;
    if (this.registry.canMark(j.studentId, at, this.inSession)) {
      this.registry.record(j.studentId, at);
      rec.state = { kind: 'marked', studentId: j.studentId, score: j.score };
      const frames = this.decidedOn(t);
      step.marks.push({
        trackId: t.id,
        studentId: j.studentId,
        score: j.score,
        at,
        evidence: j.evidence,
        runnerUp: j.runnerUp,
        frames,
        ...(resolves && { resolves, resolvesTrack: rec.reviewTrack ?? t.id }),
        ...(doubt && { doubt }),
      });
    } else rec.state = { kind: 'already', studentId: j.studentId, score: j.score };
  }

  private toReview(
    t: Track,
    rec: TrackRecord,
    why: ReviewReason,
    candidates: Candidate[],
    j: Extract<Judgement, { kind: 'match' | 'review' }>,
    reasons: string[],
    at: number,
    step: SessionStep,
  ): void {
    rec.state = { kind: 'review', why, candidates };
    rec.verifiedAt = at;
    rec.reviewedAt = at;
    // The same student offered again soon after (the track was lost and found, or split): the
    // earlier item already asks about this sighting; this track waits and settles that one.
    const top = candidates[0]?.studentId;
    const question = `${why}:${top}`;
    const earlier = top === undefined ? undefined : this.offered.get(question);
    if (earlier && at - earlier.at < this.params.reviewRepeatMs) {
      rec.reviewTrack = earlier.trackId;
      earlier.at = at;
      return;
    }
    rec.reviewTrack = t.id;
    if (top !== undefined) this.offered.set(question, { trackId: t.id, at });
    step.reviews.push({ trackId: t.id, why, candidates, box: t.box, at, evidence: j.evidence, reasons, runnerUp: j.runnerUp, frames: this.decidedOn(t) });
  }

  /** The frames that count a decision was judged on (judgeFrames takes the newest `consensusFrames`). */
  private decidedOn(t: Track): JudgedFrame[] {
    return t.embedded.filter((f) => f.weight > 0).slice(-this.params.consensusFrames);
  }
}

/** The flaws of the frames that did not count, most frequent first. */
function flawsHolding(frames: readonly JudgedFrame[]): FrameFlaw[] {
  const count = new Map<FrameFlaw, number>();
  for (const f of frames) if (f.weight === 0) for (const flaw of f.flaws) count.set(flaw, (count.get(flaw) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1]).map(([flaw]) => flaw);
}
