// Camera check in plain words: each reading of a face becomes a verdict a teacher can act on
// ("Light: good", "Face too small: move closer"), judged by the same limits the recognition core
// and the enrolment gate use, so "good" here means the frame counts there. The skin texture too:
// a face whose texture reads as a screen is never marked, so the check does not call it ready.
import { DEFAULT_GATES, type QualityGates } from '@rollcall/face';
import { DEFAULT_FRAME_QUALITY, DEFAULT_LIVENESS, readTexture, type FrameQualityParams, type LivenessParams } from '@rollcall/recognition';

export interface Verdict {
  /** What was read, e.g. "Light". */
  topic: string;
  ok: boolean;
  /** "good", or what to do about it. */
  text: string;
}

export interface ReadingInput {
  size: number;
  sharpness: number;
  brightness: number;
  yaw: number;
  pitch: number;
  /** The presentation-attack model's live score, 0..1; NaN when not measured. */
  pad: number;
}

/** The texture limits track liveness judges by, and what it does with an unclear face; null when the liveness check is off. */
export type TextureLimits = Pick<LivenessParams, 'padAttackBelow' | 'padLiveFrom' | 'unsureTexture'> | null;

export function verdicts(
  r: ReadingInput,
  {
    texture = DEFAULT_LIVENESS,
    quality: q = DEFAULT_FRAME_QUALITY,
    gates: g = DEFAULT_GATES,
  }: { texture?: TextureLimits; quality?: FrameQualityParams; gates?: QualityGates } = {},
): Verdict[] {
  const turn = Math.max(Math.abs(r.yaw), Math.abs(r.pitch));
  const size: Verdict =
    r.size < q.minSize
      ? { topic: 'Face too small', ok: false, text: 'move closer to the camera' }
      : r.size < q.fullSize
        ? { topic: 'Face small', ok: false, text: 'move a little closer' }
        : { topic: 'Face size', ok: true, text: 'good' };
  const light: Verdict =
    r.brightness < g.minBrightness
      ? { topic: 'Too dark', ok: false, text: 'add light in front of the faces' }
      : r.brightness > g.maxBrightness
        ? { topic: 'Too bright', ok: false, text: 'turn the camera away from a window or lamp' }
        : { topic: 'Light', ok: true, text: 'good' };
  const focus: Verdict =
    r.sharpness < q.minSharpness
      ? { topic: 'Blurry', ok: false, text: 'hold still, or clean the lens' }
      : r.sharpness < q.fullSharpness
        ? { topic: 'A little blurry', ok: false, text: 'hold still for a moment' }
        : { topic: 'Focus', ok: true, text: 'good' };
  const facing: Verdict =
    turn >= q.turnFrom ? { topic: 'Turned away', ok: false, text: 'look towards the camera' } : { topic: 'Facing the camera', ok: true, text: 'good' };
  return [light, size, focus, facing, textureVerdict(r.pad, texture)];
}

/**
 * One frame's texture score read as track liveness reads a track's median (`readTexture`, the
 * core's own rule): a screen or a print (never marked), live skin, or unclear between.
 */
export function textureVerdict(pad: number, t: TextureLimits): Verdict {
  if (!t || t.padAttackBelow <= 0) return { topic: 'Skin', ok: true, text: 'not checked (the liveness check is off)' };
  const reading = readTexture({ pad, padFrames: 1 }, { ...t, minPadFrames: 1 });
  if (reading === 'none') return { topic: 'Skin', ok: true, text: 'not measured' };
  if (reading === 'screen') return { topic: 'May be a screen or a print', ok: false, text: 'a face like this is never marked' };
  if (reading === 'skin') return { topic: 'Skin', ok: true, text: 'looks like a live face' };
  const then = t.unsureTexture === 'flag' ? 'it would be marked with a flag' : 'it would wait in Needs review';
  return { topic: 'Skin unclear', ok: false, text: `may be a photo or a screen, so ${then}` };
}

/** One line for the whole picture: ready, or the first thing to fix. */
export function summary(all: readonly Verdict[][]): string {
  if (all.length === 0) return 'No face in view yet: stand where students will walk past.';
  const fix = all.flat().find((v) => !v.ok);
  return fix ? `${fix.topic}: ${fix.text}.` : 'Ready: faces here are clear enough for attendance.';
}
