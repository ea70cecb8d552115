// Follows faces across frames: each face in a new frame joins the track whose last box it
// overlaps most (IoU), or starts a new track. Decisions are made per track, on several frames,
// which is far more reliable than one frame. Pure: tested without a camera.

export type Box = [number, number, number, number];

export interface FrameFace {
  box: Box;
  /** Null when the face was not embedded this frame (its track is already decided). */
  embedding: Float32Array | null;
  antispoof: number;
  liveness: number;
}

export type TrackState =
  | { kind: 'pending' }
  | { kind: 'marked'; studentId: string; score: number }
  | { kind: 'already'; studentId: string; score: number }
  | { kind: 'unknown'; score: number | null }
  | { kind: 'review'; studentId: string | null; score: number | null };

export interface Track {
  id: number;
  box: Box;
  /** Most recent embeddings first-in, capped. */
  embeddings: Float32Array[];
  antispoof: number[];
  liveness: number[];
  frames: number;
  lastSeen: number;
  state: TrackState;
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

export interface TrackerOptions {
  /** Minimum overlap for a face to continue a track. */
  minIou: number;
  /** A track not seen for this many frames ends. */
  maxMissed: number;
  /** Embeddings kept per track. */
  keep: number;
}

export const DEFAULT_TRACKER: TrackerOptions = { minIou: 0.3, maxMissed: 15, keep: 10 };

export class Tracker {
  private tracks: Track[] = [];
  private nextId = 1;
  private frame = 0;

  constructor(private readonly opts: TrackerOptions = DEFAULT_TRACKER) {}

  /** Adds one frame's faces; returns the tracks seen in this frame. */
  update(faces: readonly FrameFace[]): Track[] {
    this.frame++;
    const pairs: { t: Track; f: number; score: number }[] = [];
    for (const t of this.tracks) faces.forEach((face, f) => {
      const score = iou(t.box, face.box);
      if (score >= this.opts.minIou) pairs.push({ t, f, score });
    });
    pairs.sort((a, b) => b.score - a.score);
    const usedTracks = new Set<Track>();
    const usedFaces = new Set<number>();
    const seen: Track[] = [];
    for (const p of pairs) {
      if (usedTracks.has(p.t) || usedFaces.has(p.f)) continue;
      usedTracks.add(p.t);
      usedFaces.add(p.f);
      this.extend(p.t, faces[p.f]!);
      seen.push(p.t);
    }
    faces.forEach((face, f) => {
      if (usedFaces.has(f)) return;
      const t: Track = { id: this.nextId++, box: face.box, embeddings: [], antispoof: [], liveness: [], frames: 0, lastSeen: this.frame, state: { kind: 'pending' } };
      this.extend(t, face);
      this.tracks.push(t);
      seen.push(t);
    });
    this.tracks = this.tracks.filter((t) => this.frame - t.lastSeen <= this.opts.maxMissed);
    return seen;
  }

  private extend(t: Track, face: FrameFace) {
    t.box = face.box;
    t.lastSeen = this.frame;
    t.frames++;
    if (face.embedding) t.embeddings.push(face.embedding);
    t.antispoof.push(face.antispoof);
    t.liveness.push(face.liveness);
    for (const list of [t.embeddings, t.antispoof, t.liveness]) if (list.length > this.opts.keep) list.shift();
  }

  /** Whether a box continues a track that is already decided: its face need not be embedded again. */
  isDecided(box: Box): boolean {
    return this.tracks.some((t) => t.state.kind !== 'pending' && t.state.kind !== 'unknown' && iou(t.box, box) >= this.opts.minIou);
  }

  get all(): readonly Track[] {
    return this.tracks;
  }
}
