// zod's own words follow the app's language: an import line with a bad address says so in German
// to a German office, and in the English the tests and the API expect once English is spoken again.
import { afterEach, describe, expect, it } from 'vitest';
import { checkStudent } from './roster-row.ts';
import { speak } from '../core/i18n.ts';
import { speakZodIn } from '../core/zod-words.ts';

afterEach(async () => {
  speak('en', {});
  await speakZodIn('en');
});

const badEmail = { studentId: 'S1', name: 'Ann Lee', email: 'not-an-address' };

describe('speakZodIn', () => {
  it("words zod's built-in checks in the language's locale, its base language for a region", async () => {
    speak('de', { 'students.roster.field': '{field, select, studentId {Schüler-ID} name {Name} email {E-Mail} other {{field}}}' });
    await speakZodIn('de-AT');
    expect(checkStudent(badEmail)).toBe('E-Mail: Ungültig: E-Mail-Adresse');
    await speakZodIn('en');
    speak('en', {});
    expect(checkStudent(badEmail)).toBe('Email: Invalid email address');
  });

  it('keeps English where zod has no locale for the language', async () => {
    speak('xx', {});
    await speakZodIn('xx');
    expect(checkStudent(badEmail)).toBe('Email: Invalid email address');
  });
});
