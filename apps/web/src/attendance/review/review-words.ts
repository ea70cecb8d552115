// Why a face waits in Needs review, in a teacher's words: one plain line, and the recogniser's own
// reasons (with the scores they rest on) kept apart as a details line.

const WHY: Record<string, string> = {
  close: 'the match is not certain',
  ambiguous: 'two students look alike',
  liveness: 'the camera could not confirm a live face',
  presentation: 'looks like a photo or a screen',
};

/**
 * A presentation's reasons open with the liveness rule's verdict before a colon: "looks like a
 * photo or a screen: the texture reads as a screen or a print (...)", or "may be a photo or a
 * screen: the texture is unclear (...)" when the school asks about unclear faces. That verdict is
 * the main line, since "may be" and "looks like" ask different things of a teacher; the rest is
 * detail. A reason that does not start with one of these (older or other words) keeps the
 * general line.
 */
const VERDICTS = ['may be a photo or a screen', 'looks like a photo or a screen'];

export function reviewWords(item: { why: string; reasons?: readonly string[] | undefined }): { why: string; detail: string | null } {
  const reasons = item.reasons ?? [];
  const general = WHY[item.why] ?? item.why;
  if (item.why === 'presentation') {
    const first = reasons[0] ?? '';
    const verdict = VERDICTS.find((v) => first.startsWith(`${v}: `));
    if (verdict) return { why: verdict, detail: [first.slice(verdict.length + 2), ...reasons.slice(1)].join('; ') };
  }
  return { why: general, detail: reasons.length ? reasons.join('; ') : null };
}
