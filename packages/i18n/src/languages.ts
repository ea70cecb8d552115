// The languages Rollcall speaks and how to pick one. A language is a catalogue file in messages/
// (`<tag>.json`); English is the source every other catalogue translates.

/** The language of the source messages (the `defaultMessage` in code) and the last fallback. */
export const SOURCE_LANGUAGE = 'en';

/** Scripts written right to left (by language subtag): the page is mirrored for these. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

export function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? tag;
}

export function isRightToLeft(tag: string): boolean {
  return RTL_LANGUAGES.has(baseLanguage(tag));
}

export function direction(tag: string): 'rtl' | 'ltr' {
  return isRightToLeft(tag) ? 'rtl' : 'ltr';
}

/** A language's own name for itself ("Deutsch", "العربية"), for a language picker. */
export function nativeName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The first of `wanted` (most preferred first: a person's choice, then the browser's languages,
 * then the school's default) that Rollcall speaks, matching "de-AT" to "de"; else English.
 */
export function pickLanguage(wanted: readonly (string | null | undefined)[], available: readonly string[]): string {
  const have = new Map(available.map((a) => [a.toLowerCase(), a]));
  for (const w of wanted) {
    if (!w) continue;
    const exact = have.get(w.toLowerCase());
    if (exact) return exact;
    const base = have.get(baseLanguage(w));
    if (base) return base;
  }
  return SOURCE_LANGUAGE;
}
