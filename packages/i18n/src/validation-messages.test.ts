import {
  check,
  CHECK_CODES,
  checkOf,
  CodeSetBody,
  CodeText,
  CreatePeriodBody,
  CreateTermBody,
  CreateUserBody,
  DisplayName,
  ExplainAbsenceBody,
  GuardianEmail,
  GuardianPhone,
  Instant,
  Language,
  NewMark,
  PairingCode,
  PLAIN_CODES,
  SetupBody,
  SourceHash,
  StudentId,
  UpdateStudentBody,
  WallTime,
  wireIssue,
  type CheckCode,
  type UnsafeTextCode,
  type WeakPasswordCode,
} from '@rollcall/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorMessage } from './error-messages.ts';
import { MESSAGES_DIR, readCatalogues } from './node.ts';
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

const UUID = '00000000-0000-4000-8000-000000000001';

/** A value each check refuses, and the schema that says it: every code is one the contracts really give. */
const REFUSALS: Record<CheckCode, [z.ZodType, unknown]> = {
  'name-unsafe': [DisplayName(200), 'A\u202eB'],
  'password-weak': [SetupBody, { email: 'a@b.org', name: 'Ann', password: '1234567890' }],
  'password-too-short': [SetupBody, { email: 'a@b.org', name: 'Ann', password: 'short' }],
  'student-id-format': [StudentId, '-S1'],
  'code-text-format': [CodeText, 'TOOLONG'],
  'wall-time-format': [WallTime, '25:00'],
  'period-ends-before-start': [CreatePeriodBody, { label: 'Period 2', weekday: 2, startsAt: '10:40', endsAt: '09:50' }],
  'term-ends-before-start': [CreateTermBody, { name: 'Autumn', firstDay: '2026-09-01', lastDay: '2026-08-01' }],
  'code-listed-twice': [CodeSetBody, { ...PLAIN_CODES, codes: [...PLAIN_CODES.codes, { code: 'P', meaning: 'Again', status: 'present', isDefault: false }] }],
  'default-code-count': [CodeSetBody, { ...PLAIN_CODES, codes: PLAIN_CODES.codes.map((c) => ({ ...c, isDefault: c.status !== 'late' })) }],
  'reason-listed-twice': [CodeSetBody, { ...PLAIN_CODES, reasons: [...PLAIN_CODES.reasons, { label: 'illness', code: 'E' }] }],
  'reason-code-unknown': [CodeSetBody, { ...PLAIN_CODES, reasons: [{ label: 'Holiday', code: 'H' }] }],
  'nothing-to-update': [UpdateStudentBody, {}],
  'pairing-code-format': [PairingCode, 'abc-def'],
  'source-hash-format': [SourceHash, 'ABC'],
  'email-format': [GuardianEmail, 'parent at home'],
  'email-header-unsafe': [GuardianEmail, 'a@b.org,c@d.org'],
  'phone-format': [GuardianPhone, 'ring the office'],
  'language-tag-format': [Language, 'German'],
  'not-seen-needs-manual-session': [
    NewMark,
    { id: UUID, studentId: 'S1', deviceId: 'laptop', markedAt: '2026-12-07T08:00:00Z', method: 'face', status: 'not-seen' },
  ],
  'instant-out-of-range': [Instant, '1969-12-31T23:00:00Z'],
  'absence-reason-blank': [ExplainAbsenceBody, { sessionId: UUID, studentId: 'S1', reason: '  ' }],
};

// Every value a check's sentence chooses by, so each branch is said in every language.
const NAME_REASONS: Record<UnsafeTextCode, true> = { 'broken-character': true, 'invisible-character': true, 'lone-joiner': true, 'accent-stack': true };
const PASSWORD_REASONS: Record<WeakPasswordCode, true> = {
  blank: true,
  'too-short': true,
  'one-character': true,
  common: true,
  'few-characters': true,
  'decorated-word': true,
  'keyboard-pattern': true,
};
const BRANCHES: Partial<Record<CheckCode, Record<string, string>[]>> = {
  'name-unsafe': Object.keys(NAME_REASONS).map((reason) => ({ reason })),
  'password-weak': Object.keys(PASSWORD_REASONS).map((reason) => ({ reason })),
  'default-code-count': ['present', 'late', 'excused', 'absent'].map((status) => ({ status, found: '2' })),
};

/** The issue a check gives, as the API sends it (its English, code and values, never the input). */
function refused(code: CheckCode) {
  const [schema, value] = REFUSALS[code];
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error(`${code}: expected a refusal`);
  const issue = parsed.error.issues.find((i) => checkOf(i));
  if (!issue) throw new Error(`${code}: no issue carries a check (${parsed.error.issues.map((i) => i.message).join('; ')})`);
  return JSON.parse(JSON.stringify(wireIssue(issue))) as ReturnType<typeof wireIssue>;
}

describe('every check code', () => {
  const catalogues = readCatalogues(MESSAGES_DIR);

  it.each(CHECK_CODES)('%s is given by a contract, and its English is the schema’s', (code) => {
    const issue = refused(code);
    expect(checkOf(issue)?.code).toBe(code);
    expect(issueMessage(en, issue)).toBe(issue.message);
  });

  it.each([...catalogues.keys()])('has a sentence in %s for every check and every branch of it', (language) => {
    const missing: string[] = [];
    const tr = createTranslator(language, catalogues.get(language)!, (id) => missing.push(id));
    const english = createTranslator('en', catalogues.get('en')!);
    for (const code of CHECK_CODES) {
      const issues = [refused(code), ...(BRANCHES[code] ?? []).map((values) => ({ message: '', params: check(code, values) }))];
      for (const issue of issues) {
        const said = issueMessage(tr, issue);
        expect(said, `${code} in ${language}`).not.toBe('');
        if (language !== 'en') expect(said, `${code} in ${language}`).not.toBe(issueMessage(english, issue));
      }
    }
    expect(missing).toEqual([]);
  });
});
