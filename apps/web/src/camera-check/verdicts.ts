// Camera check in plain words: each reading of a face becomes a verdict a teacher can act on
// ("Light: good", "Face too small: move closer"), judged by the same limits the recognition core
// and the enrolment gate use, so "good" here means the frame counts there. Liveness is the track's
// verdict from the same session Take attendance runs (motion, a frozen face, the skin texture over
// time), so a picture Take attendance would hold for review is never called ready here.
import { DEFAULT_GATES, type QualityGates } from '@rollcall/face';
import { DEFAULT_FRAME_QUALITY, type FrameQualityParams, type LivenessVerdict } from '@rollcall/recognition';

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

/** The session's liveness verdict on the face's track; 'off' when the school turned the check off, null before it has a track. */
export type LiveReading = LivenessVerdict | 'off' | null;

export function verdicts(
  r: ReadingInput,
  live: LiveReading,
  { quality: q = DEFAULT_FRAME_QUALITY, gates: g = DEFAULT_GATES }: { quality?: FrameQualityParams; gates?: QualityGates } = {},
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
  return [light, size, focus, facing, liveVerdict(live)];
}

/** What Take attendance would do with this face, as its track's liveness stands now. */
export function liveVerdict(live: LiveReading): Verdict {
  if (live === 'off') return { topic: 'Live person', ok: true, text: 'not checked (the liveness check is off)' };
  if (live === null) return { topic: 'Live person', ok: false, text: 'watching the face' };
  const picture = 'May be a photo or a screen';
  if (live.kind === 'live' && live.doubt) return { topic: picture, ok: false, text: 'it would be marked with a flag' };
  if (live.kind === 'live') return { topic: 'Looks like a live person', ok: true, text: 'it would be marked' };
  if (live.kind === 'presentation') return { topic: picture, ok: false, text: 'it would wait in Needs review' };
  // Undecided: a student who moves a little is judged in a second or two; a face that never does
  // (a photo on a stand) goes to review once the session stops waiting.
  return {
    topic: 'Not yet seen to be live',
    ok: false,
    text: `${live.reasons[0] ?? 'watching the face'}; a face that stays like this would wait in Needs review`,
  };
}

/** One line for the whole picture: ready, or the first thing to fix. */
export function summary(all: readonly Verdict[][]): string {
  if (all.length === 0) return 'No face in view yet: stand where students will walk past.';
  const fix = all.flat().find((v) => !v.ok);
  return fix ? `${fix.topic}: ${fix.text}.` : 'Ready: faces here are clear enough for attendance.';
}
