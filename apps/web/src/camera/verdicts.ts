// Camera check in plain words: each reading of a face becomes a verdict a teacher can act on
// ("Light: good", "Face too small: move closer"), judged by the same limits the recognition core
// and the enrolment gate use, so "good" here means the frame counts there.
import { DEFAULT_GATES } from '@rollcall/face';
import { DEFAULT_FRAME_QUALITY } from '@rollcall/recognition';

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
}

export function verdicts(r: ReadingInput, q = DEFAULT_FRAME_QUALITY, g = DEFAULT_GATES): Verdict[] {
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
  return [light, size, focus, facing];
}

/** One line for the whole picture: ready, or the first thing to fix. */
export function summary(all: readonly Verdict[][]): string {
  if (all.length === 0) return 'No face in view yet: stand where students will walk past.';
  const fix = all.flat().find((v) => !v.ok);
  return fix ? `${fix.topic}: ${fix.text}.` : 'Ready: faces here are clear enough for attendance.';
}
