// Why a face waits in Needs review, in a teacher's words: one plain line, and the recogniser's own
// reasons (with the scores they rest on) kept apart as a details line.
import { readReason } from '@rollcall/recognition';
import { t } from '../../core/i18n.ts';
import { livenessText, reasonWords } from '../../ui/liveness-text.ts';

/** The plain line for each reason a face waits; read at call time, so it follows the language. */
function general(why: string): string {
  return t(
    {
      id: 'attendance.review.why',
      defaultMessage:
        '{why, select, close {the match is not certain} ambiguous {two students look alike} liveness {the camera could not confirm a live face} presentation {looks like a photo or a screen} other {{why}}}',
    },
    { why },
  );
}

/**
 * A presentation's reasons open with the liveness rule's verdict before a colon: "looks like a
 * photo or a screen: the texture reads as a screen or a print (...)", or "may be a photo or a
 * screen: the texture is unclear (...)" when the school asks about unclear faces. That verdict is
 * the main line, since "may be" and "looks like" ask different things of a teacher; the rest is
 * detail. A reason the rule's table cannot read (older or other words) keeps the general line.
 * The rule writes English; its table reads each reason back to a code, worded in the reader's
 * language (ui/liveness-text.ts).
 */
export function reviewWords(item: { why: string; reasons?: readonly string[] | undefined }): { why: string; detail: string | null } {
  const reasons = item.reasons ?? [];
  if (item.why === 'presentation') {
    const first = readReason(reasons[0] ?? '');
    if (first?.verdict) {
      const why =
        first.verdict === 'may-be' ? t({ id: 'attendance.review.maybePresentation', defaultMessage: 'may be a photo or a screen' }) : general('presentation');
      return { why, detail: [reasonWords(first), ...reasons.slice(1).map(livenessText)].join('; ') };
    }
  }
  return { why: general(item.why), detail: reasons.length ? reasons.map(livenessText).join('; ') : null };
}
