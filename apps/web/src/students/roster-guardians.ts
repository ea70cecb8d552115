// A guardian read from a roster file (a roster CSV's guardian columns, a OneRoster parent user),
// checked against the same schema the API uses, so an address that could smuggle a mail header is
// reported on its line before anything is sent.
import { GuardianInput } from '@rollcall/contracts';
import type { z } from 'zod';
import { issueMessage } from '@rollcall/i18n';
import { LANGUAGES, t, translator } from '../core/i18n.ts';
import { norm, rosterWords, type GuardianField, type RosterWords } from './roster-language.ts';

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

let namedInCatalogues: Map<string, string> | null = null;
/**
 * Language names as each catalogue's language writes them ("Alemán", "الألمانية"), normalised, for
 * the languages above and the app's own: a school system writes the family's language in its own.
 */
function languageNamed(cell: string): string | undefined {
  if (!namedInCatalogues) {
    namedInCatalogues = new Map();
    const tags = [...new Set([...Object.values(LANGUAGE_NAMES), ...LANGUAGES])];
    for (const locale of LANGUAGES) {
      const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
      for (const tag of tags) {
        const name = names.of(tag);
        if (name && !namedInCatalogues.has(norm(name, locale))) namedInCatalogues.set(norm(name, locale), tag);
      }
    }
  }
  return namedInCatalogues.get(norm(cell));
}

/** "de", "EN_gb", "German", "Alemán": a language tag the API takes ("de", "en-GB"), or the cell as it was. */
export function languageTag(cell: string): string {
  const named = LANGUAGE_NAMES[cell.toLowerCase()] ?? languageNamed(cell);
  if (named) return named;
  const m = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?$/.exec(cell);
  return m ? `${m[1]!.toLowerCase()}${m[2] ? `-${m[2].toUpperCase()}` : ''}` : cell;
}

/** A may-contact cell: empty says yes; 1 and 0 are the same in every language, words are the catalogues'. */
function mayContact(cell: string, words: RosterWords): boolean | undefined {
  if (!cell || cell === '1') return true;
  if (cell === '0') return false;
  return words.contact.get(norm(cell));
}

/**
 * The guardian as the API will take it, or a message naming the field that is wrong (`label` says
 * which guardian: guardianLabel's words).
 */
export function checkGuardian(cells: GuardianCells, label: string, words: RosterWords = rosterWords()): RosterGuardian | string {
  const contact = mayContact((cells.mayContact ?? '').trim(), words);
  if (contact === undefined)
    return t(
      { id: 'students.roster.guardianMayContact', defaultMessage: '{guardian} may contact: "{value}" is not {yes} or {no}' },
      { guardian: label, value: cells.mayContact, yes: words.spoken.contact.yes[0] ?? '', no: words.spoken.contact.no[0] ?? '' },
    );
  const blank = (v?: string) => (v?.trim() ? v.trim() : null);
  const check = GuardianInput.safeParse({
    name: cells.name.trim(),
    relation: blank(cells.relation),
    email: blank(cells.email),
    phone: blank(cells.phone),
    language: cells.language?.trim() ? languageTag(cells.language.trim()) : null,
    mayContact: contact,
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

/** A header's guardian number and field: the guardian words before or after the field's name. */
function guardianHeader(header: string, words: RosterWords): [number, GuardianField] | null {
  const digits = header.match(/\p{Nd}+/gu) ?? [];
  if (digits.length > 1) return null;
  // Arabic-Indic and Persian digits as well as ASCII: "ولي الأمر ٢ الهاتف".
  const n = digits[0] ? Number(digits[0].replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf))) : 1;
  if (!Number.isInteger(n)) return null;
  const letters = norm(header);
  for (let i = 1; i <= letters.length; i++) {
    const [before, after] = [letters.slice(0, i), letters.slice(i)];
    // A guardian word alone is the guardian's name: "Parent 2".
    const field = words.guardian.words.has(before)
      ? after
        ? words.guardian.fields.get(after)
        : 'name'
      : words.guardian.words.has(after)
        ? words.guardian.fields.get(before)
        : undefined;
    if (field) return [n, field];
  }
  return null;
}

/**
 * A roster CSV's guardian columns by guardian: "Guardian email", "Parent 2 phone", "Carer1 name",
 * "Erziehungsberechtigte:r 2 E-Mail", "Correo del tutor 2", "هاتف ولي الأمر" (no number: the first
 * guardian), in English and every catalogue's language. The one number in a header says which guardian.
 */
export function guardianColumns(headers: string[], words: RosterWords = rosterWords()): Map<number, Partial<Record<GuardianField, string>>> {
  const out = new Map<number, Partial<Record<GuardianField, string>>>();
  for (const h of headers) {
    const found = guardianHeader(h, words);
    if (!found) continue;
    const [n, field] = found;
    const cols = out.get(n) ?? {};
    cols[field] ??= h;
    out.set(n, cols);
  }
  return new Map([...out].sort(([a], [b]) => a - b));
}
