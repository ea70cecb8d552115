// Runs the real face engine through the real RecognitionLoop over the simulated camera, frame by
// frame at a fixed rate, with the page's light path and tile schedule, and scores every mark and
// review item against who really sits where.
import type { FaceEngine } from '@rollcall/face';
import { Gallery, type GalleryEntry } from '@rollcall/matcher';
import {
  DEFAULT_LIVENESS,
  DEFAULT_RECOGNITION,
  RecognitionLoop,
  iou,
  toFrameObservation,
  type Box,
  type LivenessParams,
  type MarkDecision,
  type RecognitionParams,
  type ReviewDecision,
  type TrackState,
} from '@rollcall/recognition';
import { rand } from '../scenes/tracks.ts';
import { ClassroomCamera } from './camera.ts';
import { CLASSROOM_FRAME, type ClassPlan, type FrameGeometry, type Seat } from './plan.ts';

export interface DayOptions {
  seconds: number;
  fps: number;
  seed: number;
  params?: RecognitionParams;
  /** Tiles per side for small faces, searched once a second (0: the whole frame only); the engine's default when absent. */
  tiles?: number;
  /** The liveness limits; SIMULATED_LIVENESS when absent. */
  liveness?: LivenessParams;
}

/**
 * What the simulation can judge: its students are photos pasted into a frame and swapped, which
 * the presentation-attack model rightly calls pictures (texture 0.06-0.91 on the generated
 * genuine tracks, most below 0.5). So by default it judges recognition with the motion rules
 * alone, the texture off; the texture is judged on real footage (`rollcall realvid`), and
 * `rollcall classroom --texture` shows what it does to photos.
 */
export const SIMULATED_LIVENESS: LivenessParams = { ...DEFAULT_LIVENESS, padAttackBelow: 0 };

export interface DayResult {
  students: number;
  present: number;
  marked: number;
  wrongMarks: number;
  strangersMarked: number;
  reviewItems: number;
  wrongSuggestions: number;
  /** Over present students; null when that share of them was never marked. */
  secondsToMarkP50: number | null;
  secondsToMarkP90: number | null;
  msPerFrame: number;
  reviewsByWhy: Record<string, number>;
  /** Present students never marked: their face size, blur, and what the session last said of them. */
  missed: { identity: string; face: number; blur: number; lastState: string }[];
  /**
   * The highest score any stranger's track reached against an enrolled student (as unknown, in
   * review or marked); null when none was scored. How close strangers come: what learning from
   * sightings must not raise.
   */
  strangerBestScore: number | null;
  /** Marks as the session made them, with who really sat there (for learning from sightings). */
  marks: (MarkDecision & { truth: string | null })[];
  /** Review items with who really sat there (null: a stranger), for a simulated teacher (days.ts). */
  reviews: (ReviewDecision & { truth: string | null })[];
}

/** The seat whose face a box covers (best overlap), or null for a box on nobody. */
export function seatOf(box: Box, seats: readonly Seat[]): Seat | null {
  let best: Seat | null = null;
  let bestIou = 0.1;
  for (const s of seats) {
    const o = iou(box, [s.x - s.face / 2, s.y - s.face / 2, s.face, s.face]);
    if (o > bestIou) [best, bestIou] = [s, o];
  }
  return best;
}

/** The best student's score a track state carries, if any (a review offers no one stranger-like, so it may carry none). */
function stateScore(s: TrackState): number | null {
  if (s.kind === 'marked' || s.kind === 'already' || s.kind === 'unknown') return s.score;
  if (s.kind === 'review') return s.candidates[0]?.score ?? null;
  return null;
}

/** Nearest-rank quantile of sorted values; null where it falls on an Infinity (never reached). */
export function quantile(sorted: readonly number[], q: number): number | null {
  const v = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10) / 10;
}

export async function simulateDay(
  engine: FaceEngine,
  folder: string,
  plan: ClassPlan,
  entries: readonly GalleryEntry[],
  o: DayOptions,
  g: FrameGeometry = CLASSROOM_FRAME,
): Promise<DayResult> {
  const gallery = await Gallery.create({ modelId: engine.modelId }, entries);
  const loop = new RecognitionLoop({
    gallery,
    roster: null,
    params: o.params ?? DEFAULT_RECOGNITION,
    liveness: o.liveness ?? SIMULATED_LIVENESS,
    inSession: true,
    cooldownMs: 0,
    ...(o.tiles !== undefined && { tiles: o.tiles }),
  });
  const camera = new ClassroomCamera(engine, folder, plan.seats, g, rand(o.seed));
  const markedAt = new Map<string, number>();
  const result: DayResult = {
    students: plan.enrolled.length,
    present: plan.seats.filter((s) => s.kind === 'student').length,
    marked: 0,
    wrongMarks: 0,
    strangersMarked: 0,
    reviewItems: 0,
    wrongSuggestions: 0,
    secondsToMarkP50: null,
    secondsToMarkP90: null,
    msPerFrame: 0,
    reviewsByWhy: {},
    missed: [],
    strangerBestScore: null,
    marks: [],
    reviews: [],
  };
  const frames = Math.round(o.seconds * o.fps);
  let engineMs = 0;
  const lastState = new Map<string, string>();
  for (let i = 0; i < frames; i++) {
    const at = (i * 1000) / o.fps;
    const image = await camera.frame(at);
    const step = (await loop.step(at, async (skip, tiles) => {
      const t0 = performance.now();
      const r = await engine.analyzeFrame(image, skip, { tiles });
      engineMs += performance.now() - t0;
      return toFrameObservation(r, { at, width: image.width, height: image.height });
    }))!;
    for (const t of step.tracks) {
      const seat = seatOf(t.box, plan.seats);
      if (seat) lastState.set(seat.identity, t.state.kind === 'review' ? `review (${t.state.why})` : t.state.kind);
      const score = stateScore(t.state);
      if (seat?.kind === 'stranger' && score !== null) result.strangerBestScore = Math.max(result.strangerBestScore ?? -1, score);
    }
    for (const m of step.marks) {
      const box = step.tracks.find((t) => t.id === m.trackId)?.box;
      const seat = box ? seatOf(box, plan.seats) : null;
      result.marks.push({ ...m, truth: seat?.identity ?? null });
      if (seat?.kind === 'stranger') result.strangersMarked++;
      else if (seat?.identity !== m.studentId) result.wrongMarks++;
      else if (!markedAt.has(m.studentId)) markedAt.set(m.studentId, at / 1000);
    }
    for (const rv of step.reviews) {
      result.reviewItems++;
      result.reviewsByWhy[rv.why] = (result.reviewsByWhy[rv.why] ?? 0) + 1;
      const seat = seatOf(rv.box, plan.seats);
      result.reviews.push({ ...rv, truth: seat?.kind === 'student' ? seat.identity : null });
      // The one-click suggestion is the first candidate; for a stranger any name offered misleads.
      const top = rv.candidates[0]?.studentId;
      if (top !== undefined && (seat?.kind !== 'student' || seat.identity !== top)) result.wrongSuggestions++;
    }
  }
  const times = plan.seats
    .filter((s) => s.kind === 'student')
    .map((s) => markedAt.get(s.identity) ?? Infinity)
    .sort((a, b) => a - b);
  result.marked = markedAt.size;
  result.missed = plan.seats
    .filter((s) => s.kind === 'student' && !markedAt.has(s.identity))
    .map((s) => ({ identity: s.identity, face: s.face, blur: s.blur, lastState: lastState.get(s.identity) ?? 'never detected' }));
  result.secondsToMarkP50 = quantile(times, 0.5);
  result.secondsToMarkP90 = quantile(times, 0.9);
  result.msPerFrame = Math.round(engineMs / Math.max(1, frames));
  return result;
}
