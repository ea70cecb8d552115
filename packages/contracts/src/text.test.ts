// Text hygiene: which names are refused and why, and what free text becomes when it is stored.
import { describe, expect, it } from 'vitest';
import { DisplayName, FreeText } from './common.ts';
import { cleanFreeText, unsafeTextReason } from './text.ts';

describe('unsafeTextReason (names)', () => {
  it('refuses what hides, reorders or fakes the display', () => {
    const bad = {
      'line separator': 'Ann\u2028Lee',
      'tag characters': 'Ann\u{E0041}\u{E007F}',
      'Hangul filler': '\u3164',
      'halfwidth filler': 'A\uFFA0B',
      'braille blank': '\u2800\u2800',
      'combining grapheme joiner': 'An\u034Fn',
      'Zalgo stack': 'Z' + '\u0336'.repeat(150),
      'bidi override': 'Ali\u202Egnp.exe',
      'zero-width space': 'An\u200Bn',
      NUL: 'An\u0000n',
      'lone surrogate': 'An\uD800n',
      'private use': 'Ann\uE000',
    };
    for (const [what, name] of Object.entries(bad)) expect([what, unsafeTextReason(name)]).toEqual([what, expect.any(String)]);
  });

  it('keeps real names: accents (composed or not), joiners inside words, emoji sequences, ideographic spaces', () => {
    for (const name of ['Nguyễn Thị Ánh', 'Nguye\u0302\u0303n', 'محمد\u200Cرضا', 'Family 👨\u200D👩\u200D👧', '山田\u3000太郎', 'שָׁלוֹם', 'Zoë Ørsted']) {
      expect([name, unsafeTextReason(name)]).toEqual([name, null]);
    }
  });

  it('gives the reason in the schema message', () => {
    const r = DisplayName(200).safeParse('\u3164');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/^The name contains a control, invisible or text-direction character\.$/);
  });
});

describe('cleanFreeText (reasons, notes, labels)', () => {
  it('puts line breaks and tabs on one line, drops invisible and direction characters, replaces lone surrogates', () => {
    expect(cleanFreeText('doc\u202Etor\u0000\nvisit\u200B\ttoday\u2028')).toBe('doctor visit today');
    expect(cleanFreeText('half \uD800 pair')).toBe('half \uFFFD pair');
    expect(cleanFreeText('\u2066isolated\u2069 \u{E0041}tag')).toBe('isolated tag');
    expect(cleanFreeText('Z' + '\u0301'.repeat(150))).toBe('Z' + '\u0301'.repeat(4));
  });

  it('keeps ordinary text, joiners inside words and emoji', () => {
    for (const t of ['Doctor, back at 11:00', 'محمد\u200Cرضا', 'Form 2025/114 — office 👍', 'Nguyễn']) expect(cleanFreeText(t)).toBe(t);
  });

  it('checks the length after cleaning', () => {
    expect(FreeText(5).parse('ab\u200B\u200B\u200Bcde')).toBe('abcde');
    expect(FreeText(5).safeParse('abcdef').success).toBe(false);
  });
});
