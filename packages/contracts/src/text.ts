// Text hygiene for what people type: names are refused when they hold anything that hides,
// reorders or fakes what is displayed; free text (reasons, notes, labels) is cleaned instead, so a
// mark made offline is never refused for a stray character in its note.

/** Combining marks in a row a real name needs at most (Vietnamese and Hebrew use 2-3); more is "Zalgo" text that spills over the rows around it. */
export const MAX_COMBINING_RUN = 4;

/**
 * Never visible, or not text at all: controls (NUL, tabs, line breaks), format characters (bidi
 * embeddings, overrides and isolates that reorder the display, zero-width spaces, word joiners,
 * byte-order marks, soft hyphens, tag characters), line and paragraph separators, private-use
 * characters, and the blank "letters" that look like nothing (Hangul fillers, the braille blank,
 * the combining grapheme joiner, Khmer's invisible vowels, Mongolian variation selectors).
 * ZWNJ and ZWJ are format characters too: they are judged on their own below.
 */
// The invisible combining marks stand alone, not in the class: a class would merge them with the character before.
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\u115F\u1160\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5|\u180B|\u180C|\u180D|\u180F/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');
/** ZWNJ and ZWJ shape Persian and Indic words and join emoji: allowed between letters, nowhere else. */
const LONE_JOINER = /(?<![\p{L}\p{M}\p{Extended_Pictographic}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{Extended_Pictographic}])/u;
const LONE_JOINER_ALL = new RegExp(LONE_JOINER.source, 'gu');
const COMBINING_STACK = new RegExp(`\\p{M}{${MAX_COMBINING_RUN + 1},}`, 'u');
const COMBINING_STACK_ALL = new RegExp(`(\\p{M}{${MAX_COMBINING_RUN}})\\p{M}+`, 'gu');
/** Tabs, line breaks and the Unicode separators: a note is one line in a register cell and a CSV cell. */
const LINE_BREAKING = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** What makes a name unsafe to store, by code (the web app words each in the person's language). */
export type UnsafeTextCode = 'broken-character' | 'invisible-character' | 'lone-joiner' | 'accent-stack';

/** Lone surrogates are not valid UTF-8 and would be stored as U+FFFD. */
export function unsafeTextCode(text: string): UnsafeTextCode | null {
  if (LONE_SURROGATE.test(text)) return 'broken-character';
  if (INVISIBLE.test(text)) return 'invisible-character';
  if (LONE_JOINER.test(text)) return 'lone-joiner';
  if (COMBINING_STACK.test(text)) return 'accent-stack';
  return null;
}

const UNSAFE_TEXT_REASON: Record<UnsafeTextCode, string> = {
  'broken-character': 'contains a broken character (a lone surrogate)',
  'invisible-character': 'contains a control, invisible or text-direction character',
  'lone-joiner': 'contains a zero-width joiner outside a word',
  'accent-stack': `stacks more than ${MAX_COMBINING_RUN} accents on one letter`,
};

/** Why a name shown to people is unsafe to store, in English, or null. */
export function unsafeTextReason(text: string): string | null {
  const code = unsafeTextCode(text);
  return code && UNSAFE_TEXT_REASON[code];
}

/**
 * Free text as it is stored: line breaks and tabs become one space; invisible, control and
 * text-direction characters and stray joiners are dropped; a lone surrogate becomes U+FFFD (what
 * the database would make of it anyway); accents stacked past the limit are cut; then trimmed.
 */
export function cleanFreeText(text: string): string {
  return text
    .replace(LONE_SURROGATE_ALL, '\uFFFD')
    .replace(LINE_BREAKING, ' ')
    .replace(INVISIBLE_ALL, '')
    .replace(LONE_JOINER_ALL, '')
    .replace(COMBINING_STACK_ALL, '$1')
    .trim();
}
