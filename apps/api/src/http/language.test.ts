import { describe, expect, it } from 'vitest';
import { acceptedLanguages, languageFor } from './language.ts';

describe('acceptedLanguages', () => {
  it('orders the tags by weight, keeping the order of equal ones', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, de;q=0.9, en;q=0.8, *;q=0.5')).toEqual(['fr-CH', 'fr', 'de', 'en']);
    expect(acceptedLanguages('en;q=0, ar')).toEqual(['ar']);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('de;q=abc, es')).toEqual(['es']);
  });
  it('speaks English when nothing asked for is there', () => {
    expect(languageFor([null, 'xx', 'yy-ZZ'])).toBe('en');
  });
});
