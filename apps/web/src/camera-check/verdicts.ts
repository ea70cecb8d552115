// Camera check in plain words: each reading of a face becomes a verdict a teacher can act on
// ("Light: good", "Face too small: move closer"), judged by the same limits the recognition core
// and the enrolment gate use, so "good" here means the frame counts there. Liveness is the track's
// verdict from the same session Take attendance runs (motion, a frozen face, the skin texture over
// time), so a picture Take attendance would hold for review is never called ready here.
import { DEFAULT_GATES, type QualityGates } from '@rollcall/face';
import { DEFAULT_FRAME_QUALITY, type FrameQualityParams, type LivenessVerdict } from '@rollcall/recognition';
import { t } from '../core/i18n.ts';
import { livenessText } from '../ui/liveness-text.ts';

export interface Verdict {
  /** What was read, e.g. "Light" (in the current language, like `text`). */
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
  const good = t({ id: 'cameraCheck.verdict.good', defaultMessage: 'good' });
  const size: Verdict =
    r.size < q.minSize
      ? {
          topic: t({ id: 'cameraCheck.verdict.tooSmall', defaultMessage: 'Face too small' }),
          ok: false,
          text: t({ id: 'cameraCheck.verdict.tooSmallFix', defaultMessage: 'move closer to the camera' }),
        }
      : r.size < q.fullSize
        ? {
            topic: t({ id: 'cameraCheck.verdict.small', defaultMessage: 'Face small' }),
            ok: false,
            text: t({ id: 'cameraCheck.verdict.smallFix', defaultMessage: 'move a little closer' }),
          }
        : { topic: t({ id: 'cameraCheck.verdict.size', defaultMessage: 'Face size' }), ok: true, text: good };
  const light: Verdict =
    r.brightness < g.minBrightness
      ? {
          topic: t({ id: 'cameraCheck.verdict.tooDark', defaultMessage: 'Too dark' }),
          ok: false,
          text: t({ id: 'cameraCheck.verdict.tooDarkFix', defaultMessage: 'add light in front of the faces' }),
        }
      : r.brightness > g.maxBrightness
        ? {
            topic: t({ id: 'cameraCheck.verdict.tooBright', defaultMessage: 'Too bright' }),
            ok: false,
            text: t({ id: 'cameraCheck.verdict.tooBrightFix', defaultMessage: 'turn the camera away from a window or lamp' }),
          }
        : { topic: t({ id: 'cameraCheck.verdict.light', defaultMessage: 'Light' }), ok: true, text: good };
  const focus: Verdict =
    r.sharpness < q.minSharpness
      ? {
          topic: t({ id: 'cameraCheck.verdict.blurry', defaultMessage: 'Blurry' }),
          ok: false,
          text: t({ id: 'cameraCheck.verdict.blurryFix', defaultMessage: 'hold still, or clean the lens' }),
        }
      : r.sharpness < q.fullSharpness
        ? {
            topic: t({ id: 'cameraCheck.verdict.littleBlurry', defaultMessage: 'A little blurry' }),
            ok: false,
            text: t({ id: 'cameraCheck.verdict.littleBlurryFix', defaultMessage: 'hold still for a moment' }),
          }
        : { topic: t({ id: 'cameraCheck.verdict.focus', defaultMessage: 'Focus' }), ok: true, text: good };
  const facing: Verdict =
    turn >= q.turnFrom
      ? {
          topic: t({ id: 'cameraCheck.verdict.turnedAway', defaultMessage: 'Turned away' }),
          ok: false,
          text: t({ id: 'cameraCheck.verdict.turnedAwayFix', defaultMessage: 'look towards the camera' }),
        }
      : { topic: t({ id: 'cameraCheck.verdict.facing', defaultMessage: 'Facing the camera' }), ok: true, text: good };
  return [light, size, focus, facing, liveVerdict(live)];
}

/** What Take attendance would do with this face, as its track's liveness stands now. */
export function liveVerdict(live: LiveReading): Verdict {
  const person = () => t({ id: 'cameraCheck.live.person', defaultMessage: 'Live person' });
  const watching = () => t({ id: 'cameraCheck.live.watching', defaultMessage: 'watching the face' });
  if (live === 'off') return { topic: person(), ok: true, text: t({ id: 'cameraCheck.live.off', defaultMessage: 'not checked (the liveness check is off)' }) };
  if (live === null) return { topic: person(), ok: false, text: watching() };
  const picture = t({ id: 'cameraCheck.live.picture', defaultMessage: 'May be a photo or a screen' });
  if (live.kind === 'live' && live.doubt)
    return { topic: picture, ok: false, text: t({ id: 'cameraCheck.live.flagged', defaultMessage: 'it would be marked with a flag' }) };
  if (live.kind === 'live')
    return {
      topic: t({ id: 'cameraCheck.live.live', defaultMessage: 'Looks like a live person' }),
      ok: true,
      text: t({ id: 'cameraCheck.live.marked', defaultMessage: 'it would be marked' }),
    };
  if (live.kind === 'presentation')
    return { topic: picture, ok: false, text: t({ id: 'cameraCheck.live.review', defaultMessage: 'it would wait in Needs review' }) };
  // Undecided: a student who moves a little is judged in a second or two; a face that never does
  // (a photo on a stand) goes to review once the session stops waiting.
  return {
    topic: t({ id: 'cameraCheck.live.undecided', defaultMessage: 'Not yet seen to be live' }),
    ok: false,
    // The session's reason comes from the recognition core in English: worded in the app's language.
    text: t(
      { id: 'cameraCheck.live.undecidedWhy', defaultMessage: '{reason}; a face that stays like this would wait in Needs review' },
      { reason: live.reasons[0] ? livenessText(live.reasons[0]) : watching() },
    ),
  };
}

/** A verdict as one line of the list: "Light: good". */
export const verdictLine = (v: Verdict): string => t({ id: 'cameraCheck.verdict.line', defaultMessage: '{topic}: {text}' }, { topic: v.topic, text: v.text });

/** One line for the whole picture: ready, or the first thing to fix. */
export function summary(all: readonly Verdict[][]): string {
  if (all.length === 0) return t({ id: 'cameraCheck.summary.noFace', defaultMessage: 'No face in view yet: stand where students will walk past.' });
  const fix = all.flat().find((v) => !v.ok);
  return fix
    ? t({ id: 'cameraCheck.summary.fix', defaultMessage: '{topic}: {text}.' }, { topic: fix.topic, text: fix.text })
    : t({ id: 'cameraCheck.summary.ready', defaultMessage: 'Ready: faces here are clear enough for attendance.' });
}
