// The liveness rule's reasons in the app's language. The recognition core writes them in English
// (kept so with a review item on the laptop); its table reads each back to a code and values, and
// they are worded here. English stays the core's own words; a reason it never wrote stays as it is.
import { readReason, reasonText, type LivenessReason } from '@rollcall/recognition';
import { SOURCE_LANGUAGE } from '@rollcall/i18n';
import { t, translator } from '../core/i18n.ts';

const num = (v: string | undefined) => Number(v ?? Number.NaN);

/** A read reason without its verdict, in the current language. */
export function reasonWords(r: LivenessReason): string {
  const v = r.values;
  if (translator().language === SOURCE_LANGUAGE) return reasonText(r.code, v);
  switch (r.code) {
    case 'antispoof-print':
      return t(
        { id: 'ui.liveness.antispoofPrint', defaultMessage: 'the skin texture reads as printed or on a screen (antispoof {score, number})' },
        { score: num(v.score) },
      );
    case 'texture-screen':
      return t(
        {
          id: 'ui.liveness.textureScreen',
          defaultMessage: 'the texture reads as a screen or a print (live score {score, number} over {frames, number} frames)',
        },
        { score: num(v.score), frames: num(v.frames) },
      );
    case 'texture-unclear':
      return t(
        { id: 'ui.liveness.textureUnclear', defaultMessage: 'the texture is unclear (live score {score, number} over {frames, number} frames)' },
        { score: num(v.score), frames: num(v.frames) },
      );
    case 'too-small':
      return t({ id: 'ui.liveness.tooSmall', defaultMessage: 'the face is too small to judge (under {px, number} px)' }, { px: num(v.px) });
    case 'watching':
      return t(
        { id: 'ui.liveness.watching', defaultMessage: 'watching the face ({frames, number} of {needed, number} frames)' },
        { frames: num(v.frames), needed: num(v.needed) },
      );
    case 'frozen':
      return t({ id: 'ui.liveness.frozen', defaultMessage: 'the face has not moved at all' });
    case 'not-head-like':
      return t({ id: 'ui.liveness.notHeadLike', defaultMessage: 'the face did not move like a head' });
    case 'still':
      return t({ id: 'ui.liveness.still', defaultMessage: 'the face did not move at all' });
    case 'awaiting-blink':
      return t({ id: 'ui.liveness.awaitingBlink', defaultMessage: 'waiting for a blink (this school requires one)' });
    case 'not-moved-yet':
      return t({ id: 'ui.liveness.notMovedYet', defaultMessage: 'the face has not moved yet' });
    case 'not-enough-motion':
      return t({ id: 'ui.liveness.notEnoughMotion', defaultMessage: 'the face has not moved enough to tell a head from a picture' });
    default:
      // A live face's reasons: never shown to a person.
      return reasonText(r.code, v);
  }
}

/** A reason as the core wrote it, in the current language (its verdict included); unknown words stay as they are. */
export function livenessText(text: string): string {
  const r = readReason(text);
  if (!r || translator().language === SOURCE_LANGUAGE) return text;
  const words = reasonWords(r);
  if (!r.verdict) return words;
  const verdict =
    r.verdict === 'may-be'
      ? t({ id: 'attendance.review.maybePresentation', defaultMessage: 'may be a photo or a screen' })
      : t({ id: 'ui.liveness.looksLike', defaultMessage: 'looks like a photo or a screen' });
  return t({ id: 'ui.liveness.verdict', defaultMessage: '{verdict}: {reason}' }, { verdict, reason: words });
}
