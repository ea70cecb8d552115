// A guardian read from a roster file (a roster CSV's guardian columns, a OneRoster parent user),
// checked against the same schema the API uses, so an address that could smuggle a mail header is
// reported on its line before anything is sent.
import { GuardianInput } from '@rollcall/contracts';
import type { z } from 'zod';
import { issueMessage } from '@rollcall/i18n';
import { t, translator } from '../core/i18n.ts';

export type RosterGuardian = z.output<typeof GuardianInput>;

export interface GuardianCells {
  name: string;
  relation?: string;
  email?: string;
  phone?: string;
  language?: string;
  /** "yes"/"no" and the like; empty: the school may contact them. */
  mayContact?: string;
  sourceId?: string;
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  german: 'de',
  deutsch: 'de',
  french: 'fr',
  français: 'fr',
  spanish: 'es',
  español: 'es',
  polish: 'pl',
  polski: 'pl',
  turkish: 'tr',
  türkçe: 'tr',
  arabic: 'ar',
  ukrainian: 'uk',
};

/** "de", "EN_gb", "German": a language tag the API takes ("de", "en-GB"), or the cell as it was. */
export function languageTag(cell: string): string {
  const named = LANGUAGE_NAMES[cell.toLowerCase()];
  if (named) return named;
  const m = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?$/.exec(cell);
  return m ? `${m[1]!.toLowerCase()}${m[2] ? `-${m[2].toUpperCase()}` : ''}` : cell;
}

const YES = new Set(['yes', 'y', 'true', '1', 'ja', 'oui']);
const NO = new Set(['no', 'n', 'false', '0', 'nein', 'non']);

/**
 * The guardian as the API will take it, or a message naming the field that is wrong (`label` says
 * which guardian: guardianLabel's words).
 */
export function checkGuardian(cells: GuardianCells, label: string): RosterGuardian | string {
  const contact = (cells.mayContact ?? '').trim().toLowerCase();
  if (contact && !YES.has(contact) && !NO.has(contact))
    return t(
      { id: 'students.roster.guardianMayContact', defaultMessage: '{guardian} may contact: "{value}" is not yes or no' },
      { guardian: label, value: cells.mayContact },
    );
  const blank = (v?: string) => (v?.trim() ? v.trim() : null);
  const check = GuardianInput.safeParse({
    name: cells.name.trim(),
    relation: blank(cells.relation),
    email: blank(cells.email),
    phone: blank(cells.phone),
    language: cells.language?.trim() ? languageTag(cells.language.trim()) : null,
    mayContact: !NO.has(contact),
    sourceId: blank(cells.sourceId),
  });
  if (check.success) return check.data;
  const issue = check.error.issues[0]!;
  const field = String(issue.path[0] ?? 'row');
  return t(
    {
      id: 'students.roster.guardianField',
      defaultMessage: '{guardian} {field, select, name {name} email {email} phone {phone} language {language} relation {relation} other {{field}}}: {problem}',
    },
    { guardian: label, field, problem: issueMessage(translator(), issue) },
  );
}

/** Which guardian a message is about: "Guardian 2", "Guardian Mary Smith". */
export const guardianLabel = (who: string | number): string => t({ id: 'students.roster.guardian', defaultMessage: 'Guardian {who}' }, { who });

type GuardianField = keyof GuardianCells;

const GUARDIAN_FIELDS: [RegExp, GuardianField][] = [
  [/^(name|fullname)?$/, 'name'],
  [/^(relation|relationship)$/, 'relation'],
  [/^(email|emailaddress|mail)$/, 'email'],
  [/^(phone|mobile|phonenumber|telephone|tel|sms)$/, 'phone'],
  [/^(language|preferredlanguage|lang)$/, 'language'],
  [/^(maycontact|contact|contactallowed|contactok)$/, 'mayContact'],
];

/**
 * A roster CSV's guardian columns by guardian: "Guardian email", "Parent 2 phone", "Carer1 name"
 * (no number: the first guardian). Digits matter here, so headers are compared with them kept.
 */
export function guardianColumns(headers: string[]): Map<number, Partial<Record<GuardianField, string>>> {
  const out = new Map<number, Partial<Record<GuardianField, string>>>();
  for (const h of headers) {
    const m = /^(guardian|parent|carer)(\d?)(.*)$/.exec(h.toLowerCase().replace(/[^\p{L}0-9]/gu, ''));
    if (!m) continue;
    const field = GUARDIAN_FIELDS.find(([re]) => re.test(m[3]!))?.[1];
    if (!field) continue;
    const n = Number(m[2] || '1');
    const cols = out.get(n) ?? {};
    cols[field] ??= h;
    out.set(n, cols);
  }
  return new Map([...out].sort(([a], [b]) => a - b));
}
