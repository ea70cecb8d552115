// Why a face waits in Needs review, in a teacher's words: one plain line, and the recogniser's own
// reasons (with the scores they rest on) kept apart as a details line.
import { t } from '../../core/i18n.ts';

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
 * detail. A reason that does not start with one of these (older or other words) keeps the
 * general line. The rule speaks English: its verdicts are matched as it writes them, and shown
 * in the reader's language.
 */
const VERDICTS = [
  { rule: 'may be a photo or a screen', words: () => t({ id: 'attendance.review.maybePresentation', defaultMessage: 'may be a photo or a screen' }) },
  { rule: 'looks like a photo or a screen', words: () => general('presentation') },
];

export function reviewWords(item: { why: string; reasons?: readonly string[] | undefined }): { why: string; detail: string | null } {
  const reasons = item.reasons ?? [];
  if (item.why === 'presentation') {
    const first = reasons[0] ?? '';
    const verdict = VERDICTS.find((v) => first.startsWith(`${v.rule}: `));
    if (verdict) return { why: verdict.words(), detail: [first.slice(verdict.rule.length + 2), ...reasons.slice(1)].join('; ') };
  }
  return { why: general(item.why), detail: reasons.length ? reasons.join('; ') : null };
}
