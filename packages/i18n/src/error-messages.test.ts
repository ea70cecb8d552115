import { ERROR_CODES } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { consentRequiredMessage, errorMessage } from './error-messages.ts';
import { createTranslator } from './translator.ts';

const en = createTranslator('en', {});

describe('errorMessage', () => {
  it('has a sentence of its own for every API code', () => {
    const fallback = errorMessage(en, 'http-418', undefined, 418);
    for (const code of ERROR_CODES) expect(errorMessage(en, code), code).not.toBe(fallback);
  });
  it('puts the details in the sentence', () => {
    expect(errorMessage(en, 'rate-limited', { retryAfterSeconds: 30 })).toBe('Too many tries. Try again in 30 seconds.');
    expect(errorMessage(en, 'rate-limited')).toBe('Too many tries. Wait a moment and try again.');
    expect(errorMessage(en, 'validation-failed', { issues: [{ message: 'The password is too common.' }] })).toBe(
      'The server did not accept this: The password is too common.',
    );
    expect(errorMessage(en, 'validation-failed', { issues: [{ path: 'guardians.0.email', message: 'Invalid email address' }] })).toBe(
      'The server did not accept this: guardians.0.email: Invalid email address',
    );
    expect(errorMessage(en, 'unauthenticated', { reason: 'wrong-credentials' })).toBe('Wrong email or password.');
    expect(errorMessage(en, 'http-502', undefined, 502)).toBe('The server answered with an error (502).');
  });
  it('says who has no consent and why', () => {
    expect(consentRequiredMessage(en, { studentId: 'S1', status: 'withdrawn' })).toBe(
      'S1: consent to use their face was withdrawn, so no photos were saved. Take their attendance by hand.',
    );
    expect(consentRequiredMessage(en, {})).toMatch(/^This student has no recorded consent/);
  });
  it('speaks the translator language', () => {
    const de = createTranslator('de', { 'errors.forbidden': 'Das dürfen Sie nicht.' });
    expect(errorMessage(de, 'forbidden')).toBe('Das dürfen Sie nicht.');
  });
});
