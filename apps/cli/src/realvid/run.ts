// One clip through the real RecognitionLoop, frame by frame at a fixed rate, as the Take
// attendance page runs it: the same loop whether the frames come from the face engine now or from
// a saved run, so a saved run judged again at the same settings gives the same marks.
import { DEFAULT_FRAME } from '@rollcall/face';
import type { Gallery } from '@rollcall/matcher';
import {
  DEFAULT_RECOGNITION,
  needsEmbedding,
  RecognitionLoop,
  type Box,
  type FrameObservation,
  type LivenessParams,
  type LivenessVerdict,
  type RecognitionParams,
  type ReviewReason,
} from '@rollcall/recognition';
import type { Clip } from './clips.ts';

/** The frame at step `i` (`at` ms), analysed with the loop's skip boxes (decided tracks: the light path) and tiles (a saved run has its own). */
export type FrameSource = (i: number, at: number, skip: Box[], tiles: number) => Promise<FrameObservation>;

export interface MarkRecord {
  student: string;
  /** Seconds into the clip. */
  at: number;
  /** The student shown in the clip (for an attack clip: the replay was accepted as its person). */
  right: boolean;
  /** Marked and flagged as perhaps a photo or a screen (the school's choice for an unsure texture): why. */
  doubt?: string;
}

export interface ReviewRecord {
  why: ReviewReason;
  at: number;
  track: number;
  candidates: { studentId: string; score: number }[];
  reasons: string[];
}

/**
 * The liveness verdict on the main face (the largest in view) at each whole second, and what the
 * session made of its track by then. Once a track is decided (marked, in review, unknown) the page
 * follows it on the light path, without a mesh, so its verdict there rests on the few frames
 * re-checked: "watching the face" after a decision means exactly that.
 */
export interface VerdictSecond {
  second: number;
  kind: LivenessVerdict['kind'] | 'no-face';
  reason: string;
  /** The track's state: pending, marked, already, unknown, or review (why); '' with no face. */
  state: string;
}

export interface ClipResult {
  clip: string;
  kind: Clip['kind'];
  person: string | null;
  frames: number;
  framesWithFace: number;
  marks: MarkRecord[];
  /** Seconds to the first mark of the clip's own person; null if never. */
  firstMarkAt: number | null;
  reviews: ReviewRecord[];
  timeline: VerdictSecond[];
  /** Median of the presentation-attack model's per-face score over the clip; null when the engine gave none. */
  pad: number | null;
  /**
   * Faces the session wanted analysed in full (no skip box over them) that came without an
   * embedding: the crop pass lost them, or, judging a saved run at other settings, they were on
   * the light path when it was measured. A high count means the judged settings went blind there.
   */
  unanalysed: number;
}

export interface RunOptions {
  fps: number;
  frames: number;
  gallery: Gallery;
  liveness: LivenessParams;
  recognition?: RecognitionParams;
}

function median(v: readonly number[]): number | null {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : null;
}

export async function runClip(clip: Clip, o: RunOptions, source: FrameSource): Promise<ClipResult> {
  const params = o.recognition ?? DEFAULT_RECOGNITION;
  const loop = new RecognitionLoop({ gallery: o.gallery, roster: null, params, liveness: o.liveness, inSession: true, cooldownMs: 0 });
  const result: ClipResult = {
    clip: clip.name,
    kind: clip.kind,
    person: clip.person,
    frames: o.frames,
    framesWithFace: 0,
    marks: [],
    firstMarkAt: null,
    reviews: [],
    timeline: [],
    pad: null,
    unanalysed: 0,
  };
  const pads: number[] = [];
  for (let i = 0; i < o.frames; i++) {
    const at = (i * 1000) / o.fps;
    const step = (await loop.step(at, (skip, tiles) => source(i, at, skip, tiles)))!;
    const { frame, skip } = step;
    for (const f of frame.faces) {
      if (f.embedding === null && needsEmbedding(f.box, skip, DEFAULT_FRAME.skipIou)) result.unanalysed++;
      if (Number.isFinite(f.pad)) pads.push(f.pad);
    }
    if (frame.faces.length) result.framesWithFace++;
    if (step.tracks.length !== frame.faces.length) throw new Error(`the session gave ${step.tracks.length} tracks for ${frame.faces.length} faces`);
    for (const m of step.marks) {
      const right = m.studentId === clip.person;
      result.marks.push({ student: m.studentId, at: at / 1000, right, ...(m.doubt !== undefined && { doubt: m.doubt }) });
      if (right && result.firstMarkAt === null) result.firstMarkAt = at / 1000;
    }
    for (const r of step.reviews)
      result.reviews.push({ why: r.why, at: at / 1000, track: r.trackId, candidates: r.candidates.map((c) => ({ ...c })), reasons: r.reasons });
    const second = Math.floor(at / 1000);
    if (second > (result.timeline.at(-1)?.second ?? -1)) {
      // The main face: the largest in view.
      const main = step.tracks.map((t, k) => ({ t, area: frame.faces[k]!.box[2] * frame.faces[k]!.box[3] })).sort((a, b) => b.area - a.area)[0]?.t;
      if (!main) result.timeline.push({ second, kind: 'no-face', reason: '', state: '' });
      else {
        const v = loop.session.livenessOf(main.id)!;
        const state = main.state.kind === 'review' ? `review (${main.state.why})` : main.state.kind;
        result.timeline.push({ second, kind: v.kind, reason: v.reasons[0] ?? '', state });
      }
    }
  }
  result.pad = median(pads);
  return result;
}
