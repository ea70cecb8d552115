// The contracts' own checks (beyond zod's built-in ones) by code, so a client says them in a
// person's language: an issue of such a check carries `params: { check, ...values }` (or, for a
// built-in check with its own words, is known by those words), and the API sends each issue's
// code and values beside its English so the web app can word it again.
import type { z } from 'zod';

export const CHECK_CODES = [
  'name-unsafe',
  'password-weak',
  'password-too-short',
  'student-id-format',
  'code-text-format',
  'wall-time-format',
  'period-ends-before-start',
  'term-ends-before-start',
  'code-listed-twice',
  'default-code-count',
  'reason-listed-twice',
  'reason-code-unknown',
  'nothing-to-update',
  'pairing-code-format',
  'source-hash-format',
  'email-format',
  'email-header-unsafe',
  'phone-format',
  'language-tag-format',
  'not-seen-needs-manual-session',
  'instant-out-of-range',
  'absence-reason-blank',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** The English of the built-in checks given words of their own (zod's issue cannot carry params there). */
export const FIXED_CHECK_TEXT = {
  'student-id-format': 'letters, digits, ".", "_" and "-" only, starting with a letter or digit',
  'code-text-format': 'a code of 1 to 4 letters, digits or a symbol such as / or \\',
  'password-too-short': 'at least 10 characters',
  'wall-time-format': 'a time of day as HH:MM (24-hour), e.g. 08:50',
  'pairing-code-format': 'A pairing code is 8 letters and digits.',
  'source-hash-format': 'sha256 as 64 lowercase hex digits',
  'email-format': 'an email address like parent@example.org',
  'phone-format': 'a phone number of digits, spaces, ( ) and -, optionally starting with +',
  'language-tag-format': 'a language tag such as "de" or "pt-BR"',
  'absence-reason-blank': 'Say why the student was absent.',
} as const satisfies Partial<Record<CheckCode, string>>;

/** An issue's params for a check: `ctx.addIssue({ code: 'custom', message, params: check('code-listed-twice', { code }) })`. */
export const check = (code: CheckCode, values: Record<string, string | number> = {}) => ({ check: code, ...values });

/** The refinement of an update whose fields are all optional: one of them must be given. */
export const NOTHING_TO_UPDATE = { message: 'Nothing to update: send at least one field to change.', params: check('nothing-to-update') };

/** A validation issue as the API sends it: where, the English, and what a client needs to word it again (never the input). */
export interface WireIssue {
  path: string;
  message: string;
  code?: string;
  [field: string]: unknown;
}

// The fields zod's own wording reads (its locales), and a custom check's params.
const WORDING_FIELDS = [
  'expected',
  'origin',
  'minimum',
  'maximum',
  'inclusive',
  'exact',
  'format',
  'pattern',
  'prefix',
  'suffix',
  'includes',
  'divisor',
  'values',
  'keys',
  'params',
];

export function wireIssue(issue: z.core.$ZodIssue): WireIssue {
  const out: WireIssue = { path: issue.path.map(String).join('.'), message: issue.message, code: issue.code };
  for (const field of WORDING_FIELDS) {
    const value = (issue as unknown as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = typeof value === 'bigint' ? Number(value) : value;
  }
  return out;
}

const isCheckCode = (v: unknown): v is CheckCode => typeof v === 'string' && (CHECK_CODES as readonly string[]).includes(v);

/** The contracts' check an issue reports, with its values; null for zod's own. */
export function checkOf(issue: { message?: unknown; params?: unknown }): { code: CheckCode; values: Record<string, unknown> } | null {
  const params = issue.params && typeof issue.params === 'object' ? (issue.params as Record<string, unknown>) : null;
  if (params && isCheckCode(params.check)) return { code: params.check, values: params };
  const fixed = Object.entries(FIXED_CHECK_TEXT).find(([, text]) => text === issue.message)?.[0];
  return isCheckCode(fixed) ? { code: fixed, values: {} } : null;
}
