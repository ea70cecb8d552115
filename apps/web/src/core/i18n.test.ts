import { afterEach, describe, expect, it } from 'vitest';
import { compareNames, matchesName, speak, t, translator } from './i18n.ts';
import { chooseLanguage } from './language-choice.ts';

afterEach(() => speak('en', {}));

describe('chooseLanguage', () => {
  const have = ['en', 'ar', 'de', 'es'];
  const none = { user: null, device: null, browser: [], school: null };
  it("takes the person's choice over the device's, the browser's and the school's", () => {
    expect(chooseLanguage({ user: 'es', device: 'de', browser: ['ar'], school: 'de' }, have)).toBe('es');
    expect(chooseLanguage({ ...none, device: 'de', browser: ['ar'], school: 'es' }, have)).toBe('de');
    expect(chooseLanguage({ ...none, browser: ['fr-FR', 'ar-EG'], school: 'es' }, have)).toBe('ar');
    expect(chooseLanguage({ ...none, browser: ['fr-FR'], school: 'es' }, have)).toBe('es');
    expect(chooseLanguage({ ...none, browser: ['fr-FR'] }, have)).toBe('en');
  });
  it('skips a choice the app does not speak', () => {
    expect(chooseLanguage({ ...none, user: 'pl', device: 'de-CH' }, have)).toBe('de');
  });
});

describe('the current language', () => {
  it('translates at call time, English where the catalogue lacks a message', () => {
    const msg = { id: 'test.count', defaultMessage: '{n, plural, one {# pupil} other {# pupils}}' };
    expect(t(msg, { n: 2 })).toBe('2 pupils');
    speak('de', { 'test.count': '{n, plural, one {# Kind} other {# Kinder}}' });
    expect(t(msg, { n: 1 })).toBe('1 Kind');
    expect(t({ id: 'test.missing', defaultMessage: 'Absent' })).toBe('Absent');
    expect(translator().language).toBe('de');
  });

  it('sorts names by the language: Łukasz after Daryl, before Zoë', () => {
    expect(['Zoë', 'Łukasz', 'Daryl', 'Émile', 'adam'].sort(compareNames)).toEqual(['adam', 'Daryl', 'Émile', 'Łukasz', 'Zoë']);
    speak('es', {});
    expect(['Nuria', 'Ñandú', 'Oscar'].sort(compareNames)).toEqual(['Nuria', 'Ñandú', 'Oscar']);
  });

  it('searches names without case or accents', () => {
    expect(matchesName('Łukasz Nowak', 'lukasz')).toBe(true);
    expect(matchesName('Zoë Okafor', 'zoe oka')).toBe(true);
    expect(matchesName('Daryl Zane', 'zoe')).toBe(false);
  });
});
