import { CodeSetBody, CreateTermBody, CreateUserBody, PLAIN_CODES, wireIssue } from '@rollcall/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorMessage } from './error-messages.ts';
import { createTranslator } from './translator.ts';
import { issueMessage } from './validation-messages.ts';

const en = createTranslator('en', {});
const de = createTranslator('de', {
  'validation.termEndsBeforeStart': 'Der letzte Tag eines Schuljahresabschnitts darf nicht vor dem ersten liegen.',
  'validation.codeListedTwice': 'Das Kürzel {code} steht zweimal in der Liste.',
  'validation.password.common': 'Das Passwort gehört zu den häufigsten: Wählen Sie ein anderes.',
});

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues;
};

afterEach(() => void z.config(z.locales.en()));

describe('issueMessage', () => {
  it('says every English check as the schema does', () => {
    const term = issuesOf(CreateTermBody, { name: 'Autumn', firstDay: '2026-09-01', lastDay: '2026-08-01' });
    const codes = issuesOf(CodeSetBody, { ...PLAIN_CODES, codes: [...PLAIN_CODES.codes, { code: 'p', meaning: 'Again', status: 'present', isDefault: true }] });
    const user = issuesOf(CreateUserBody, { email: 'nope', name: 'A\u202eB', role: 'teacher', password: 'password12' });
    for (const issue of [...term, ...codes, ...user]) expect(issueMessage(en, issue)).toBe(issue.message);
    expect(codes.map((i) => i.message)).toEqual([
      'The code p is listed twice: each code may appear once.',
      'Mark exactly one code as the default for present (found 2).',
    ]);
  });

  it('words the contracts’ checks in the translator’s language, here and as the API sends them', () => {
    const [term] = issuesOf(CreateTermBody, { name: 'Autumn', firstDay: '2026-09-01', lastDay: '2026-08-01' });
    expect(issueMessage(de, term!)).toBe('Der letzte Tag eines Schuljahresabschnitts darf nicht vor dem ersten liegen.');
    const [twice] = issuesOf(CodeSetBody, {
      ...PLAIN_CODES,
      codes: [...PLAIN_CODES.codes, { code: 'P', meaning: 'Again', status: 'present', isDefault: false }],
    });
    const sent = JSON.parse(JSON.stringify(wireIssue(twice!)));
    expect(issueMessage(de, sent)).toBe('Das Kürzel P steht zweimal in der Liste.');
    const password = issuesOf(CreateUserBody, { email: 'a@b.org', name: 'Ann', role: 'teacher', password: '1234567890' }).map(wireIssue);
    expect(errorMessage(de, 'validation-failed', { issues: password })).toBe(
      'The server did not accept this: password: Das Passwort gehört zu den häufigsten: Wählen Sie ein anderes.',
    );
  });

  it('says zod’s own checks in zod’s words of the language set, from a sent issue too', () => {
    z.config(z.locales.de());
    const [email] = issuesOf(CreateUserBody, { email: 'nope', name: 'Ann', role: 'teacher', password: 'correct horse battery' });
    const sent = JSON.parse(JSON.stringify(wireIssue(email!)));
    expect(sent).not.toHaveProperty('input');
    expect(issueMessage(de, sent)).toBe('Ungültig: E-Mail-Adresse');
    z.config(z.locales.en());
    const english = { message: 'Invalid email address', code: 'invalid_format', format: 'email' };
    expect(issueMessage(en, english)).toBe('Invalid email address');
  });
});
