// Follows faces across frames: each face in a new frame joins the track whose last box it overlaps
// most (IoU), or starts a new track. Decisions are made per track, on several frames, which is far
// more reliable than one frame.
import { iou, MIN_TRACK_IOU } from './geometry.ts';
import type { LivenessSample } from './liveness/index.ts';
import { frameQuality, type FrameFlaw, type FrameQualityParams } from './quality.ts';
import type { Box, FaceObservation } from './types.ts';

/** One embedded frame of a track, with what it may count for. */
export interface TrackFrame {
  at: number;
  embedding: Float32Array;
  weight: number;
  flaws: FrameFlaw[];
}

export interface Track {
  id: number;
  box: Box;
  /** Frames seen, embedded or not. */
  frames: number;
  firstSeen: number;
  lastSeen: number;
  /** Embedded frames, oldest first, capped. */
  embedded: TrackFrame[];
  liveness: LivenessSample[];
}

export class Tracker {
  private tracks: Track[] = [];
  private nextId = 1;

  constructor(public opts: { keepFrames: number; maxMissedMs: number; quality: FrameQualityParams }) {}

  /** Adds one frame's faces; returns each face's track, in the faces' order. */
  update(faces: readonly FaceObservation[], at: number): Track[] {
    const pairs: { t: Track; f: number; score: number }[] = [];
    for (const t of this.tracks) {
      faces.forEach((face, f) => {
        const score = iou(t.box, face.box);
        if (score >= MIN_TRACK_IOU) pairs.push({ t, f, score });
      });
    }
    pairs.sort((a, b) => b.score - a.score);
    const usedTracks = new Set<Track>();
    const byFace: (Track | undefined)[] = [];
    for (const p of pairs) {
      if (usedTracks.has(p.t) || byFace[p.f]) continue;
      usedTracks.add(p.t);
      byFace[p.f] = p.t;
    }
    const seen = faces.map((face, f) => {
      const t = byFace[f] ?? this.start(at);
      this.extend(t, face, at);
      return t;
    });
    this.tracks = this.tracks.filter((t) => at - t.lastSeen <= this.opts.maxMissedMs);
    return seen;
  }

  /** Ends a track (its face turned out to be someone else's) and starts a fresh one in its place. */
  split(old: Track, keepFrom: number): Track {
    const t = this.start(old.lastSeen);
    t.box = old.box;
    t.embedded = old.embedded.filter((f) => f.at >= keepFrom);
    t.liveness = old.liveness.filter((s) => s.at >= keepFrom);
    t.frames = t.liveness.length;
    this.tracks = this.tracks.filter((x) => x !== old);
    return t;
  }

  get all(): readonly Track[] {
    return this.tracks;
  }

  private start(at: number): Track {
    const t: Track = { id: this.nextId++, box: [0, 0, 0, 0], frames: 0, firstSeen: at, lastSeen: at, embedded: [], liveness: [] };
    this.tracks.push(t);
    return t;
  }

  private extend(t: Track, face: FaceObservation, at: number): void {
    t.box = face.box;
    t.lastSeen = at;
    t.frames++;
    if (face.embedding) t.embedded.push({ at, embedding: face.embedding, ...frameQuality(face, this.opts.quality) });
    t.liveness.push({ at, box: face.box, mesh: face.mesh, patch: face.patch, antispoof: face.antispoof, pad: face.pad });
    if (t.embedded.length > this.opts.keepFrames) t.embedded.shift();
    if (t.liveness.length > this.opts.keepFrames) t.liveness.shift();
  }
}
