// The liveness rule's reasons by code: one table writes them in English (kept with a review item,
// and read as they are in English) and reads a written one back to its code and values, so a reader
// in another language words it itself. Pure: no catalogue here.

/** What a verdict opens with before a colon: a presentation's certainty. */
export const VERDICT_TEXT = { 'looks-like': 'looks like a photo or a screen', 'may-be': 'may be a photo or a screen' } as const;
export type VerdictCode = keyof typeof VERDICT_TEXT;

const REASON_TEXT = {
  'antispoof-print': 'the skin texture reads as printed or on a screen (antispoof {score})',
  'texture-screen': 'the texture reads as a screen or a print (live score {score} over {frames} frames)',
  'texture-unclear': 'the texture is unclear (live score {score} over {frames} frames)',
  'too-small': 'the face is too small to judge (under {px} px)',
  watching: 'watching the face ({frames} of {needed} frames)',
  frozen: 'the face has not moved at all',
  'not-head-like': 'the face did not move like a head',
  still: 'the face did not move at all',
  'awaiting-blink': 'waiting for a blink (this school requires one)',
  'not-moved-yet': 'the face has not moved yet',
  'not-enough-motion': 'the face has not moved enough to tell a head from a picture',
  moves: 'the face moves',
  blinked: 'the eyes blinked',
  'head-and-blink': 'the face moved like a head and the eyes blinked',
  head: 'the face moved like a head',
  'skin-blinked': 'the skin looks live (live score {score} over {frames} frames) and the eyes blinked',
  'skin-head': 'the skin looks live (live score {score} over {frames} frames) and the face moved like a head',
  'skin-moves': 'the skin looks live (live score {score} over {frames} frames) and the face moves',
} as const;
export type LivenessReasonCode = keyof typeof REASON_TEXT;

export interface LivenessReason {
  verdict?: VerdictCode;
  code: LivenessReasonCode;
  values: Record<string, string>;
}

/** A reason in English: `reasonText('watching', { frames: 3, needed: 5 })`, with a verdict before a colon where given. */
export function reasonText(code: LivenessReasonCode, values: Record<string, string | number> = {}, verdict?: VerdictCode): string {
  const text = REASON_TEXT[code].replace(/\{(\w+)\}/g, (_m, key: string) => String(values[key]));
  return verdict ? `${VERDICT_TEXT[verdict]}: ${text}` : text;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const READERS = (Object.entries(REASON_TEXT) as [LivenessReasonCode, string][]).map(([code, text]) => {
  const keys = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const source = text
    .split(/\{\w+\}/)
    .map(escape)
    .join('([^()]+?)');
  return { code, keys, pattern: new RegExp(`^${source}$`) };
});

/** The code, values and verdict of a written reason; null for words this table never wrote. */
export function readReason(text: string): LivenessReason | null {
  const verdict = (Object.keys(VERDICT_TEXT) as VerdictCode[]).find((v) => text.startsWith(`${VERDICT_TEXT[v]}: `));
  const rest = verdict ? text.slice(VERDICT_TEXT[verdict].length + 2) : text;
  for (const r of READERS) {
    const m = r.pattern.exec(rest);
    if (m) return { ...(verdict ? { verdict } : {}), code: r.code, values: Object.fromEntries(r.keys.map((k, i) => [k, m[i + 1]!])) };
  }
  return null;
}
