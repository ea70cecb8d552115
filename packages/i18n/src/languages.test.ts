import { describe, expect, it } from 'vitest';
import { direction, nativeName, pickLanguage } from './languages.ts';
import { createTranslator } from './translator.ts';

describe('pickLanguage', () => {
  const have = ['en', 'de', 'es', 'ar'];
  it('takes the first wanted language it has, by base language', () => {
    expect(pickLanguage(['fr-FR', 'de-AT', 'es'], have)).toBe('de');
    expect(pickLanguage([null, undefined, 'AR-eg'], have)).toBe('ar');
  });
  it('falls back to English', () => {
    expect(pickLanguage(['fr', 'pl'], have)).toBe('en');
  });
});

describe('languages', () => {
  it('mirrors right-to-left scripts only', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('he-IL')).toBe('rtl');
    expect(direction('de')).toBe('ltr');
  });
  it('names a language in itself', () => {
    expect(nativeName('de')).toBe('Deutsch');
    expect(nativeName('es')).toBe('español');
  });
});

describe('createTranslator', () => {
  const message = { id: 'register.count', defaultMessage: '{n, plural, one {# pupil} other {# pupils}} here' };
  it('uses the English default with no catalogue, with ICU plurals', () => {
    const en = createTranslator('en', {});
    expect(en.t(message, { n: 1 })).toBe('1 pupil here');
    expect(en.t(message, { n: 3 })).toBe('3 pupils here');
  });
  it('uses the catalogue and its language rules', () => {
    const missing: string[] = [];
    const ar = createTranslator(
      'ar',
      { 'register.count': '{n, plural, zero {لا تلاميذ} one {تلميذ واحد} two {تلميذان} few {# تلاميذ} many {# تلميذًا} other {# تلميذ}}' },
      (id) => missing.push(id),
    );
    expect(ar.t(message, { n: 2 })).toBe('تلميذان');
    expect(ar.t({ id: 'absent', defaultMessage: 'Absent' })).toBe('Absent');
    expect(missing).toEqual(['absent']);
  });
  it('sorts names by the language', () => {
    const names = ['Zoë', 'Łukasz', 'Daryl', 'Émile'];
    expect([...names].sort(createTranslator('en', {}).collator.compare)).toEqual(['Daryl', 'Émile', 'Łukasz', 'Zoë']);
  });
});

describe('matchesName', () => {
  it('ignores case and accents by the language', () => {
    const en = createTranslator('en', {});
    expect(en.matchesName('Łukasz Nowak', 'lukasz')).toBe(true);
    expect(en.matchesName('Zoë Smith', 'zoe')).toBe(true);
    expect(en.matchesName('Zoë Smith', 'SMITH zoë')).toBe(true);
    expect(en.matchesName('Hans Strauß', 'strauss')).toBe(true);
    expect(en.matchesName('Daryl Zane', 'zoe')).toBe(false);
    expect(en.matchesName('Anyone', '  ')).toBe(true);
  });
  it('keeps letters apart that the language holds distinct', () => {
    expect(createTranslator('es', {}).matchesName('Peña', 'pena')).toBe(false);
    expect(createTranslator('es', {}).matchesName('Peña', 'PEÑA')).toBe(true);
  });
});
