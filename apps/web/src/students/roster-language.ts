// The words a roster CSV may use, from the catalogue: the header names of each field and the
// consent words, in English and in every language the app speaks (adding a catalogue adds its
// words), so an office exporting from a German, Spanish or Arabic system imports without renaming
// columns, whatever language the app itself is in. The header names of the app's own CSV exports
// are among them, so a file the app wrote reads back in any language.
import type { ConsentChange } from '@rollcall/contracts';
import { createTranslator, SOURCE_LANGUAGE, type Catalogue, type Translator } from '@rollcall/i18n';
import { translator } from '../core/i18n.ts';

export type RosterField = 'studentId' | 'name' | 'firstName' | 'lastName' | 'email' | 'className' | 'consent' | 'consentBy' | 'consentNote';
export type ConsentWord = ConsentChange['status'];
export type ByWord = 'parent' | 'student';

// The same files core/i18n.ts speaks from (Vite shares the chunks): loaded here too, because a
// file's language need not be the one the app speaks.
const loaders = import.meta.glob<Catalogue>('../../../../packages/i18n/messages/*.json', { import: 'default' });
const others = new Map<string, Translator>();

/**
 * Loads every catalogue's roster words, so that the next parse reads headers and words in all of
 * them (until then: English and the app's language). Loading twice costs nothing.
 */
export async function loadRosterLanguages(): Promise<void> {
  await Promise.all(
    Object.entries(loaders).map(async ([path, load]) => {
      const tag = path.replace(/^.*\/([^/]+)\.json$/, '$1');
      if (tag === SOURCE_LANGUAGE || others.has(tag)) return;
      others.set(tag, createTranslator(tag, await load()));
    }),
  );
}

/** A message holding a comma-separated list, as its words. */
const list = (text: string) =>
  text
    .split(/[,،]/)
    .map((w) => w.trim())
    .filter(Boolean);

/** Each field's header names in one language, most specific first (a file's best match wins). */
export function fieldNames(tr: Translator): Record<RosterField, string[]> {
  return {
    studentId: [
      ...list(tr.t({ id: 'students.roster.names.studentId', defaultMessage: 'Student ID, ID, Student, Student number, Student no, Pupil ID' })),
      tr.t({ id: 'core.csv.studentId', defaultMessage: 'Student ID' }),
    ],
    name: [
      ...list(tr.t({ id: 'students.roster.names.name', defaultMessage: 'Name, Student name, Full name, Display name' })),
      tr.t({ id: 'core.csv.student', defaultMessage: 'Student' }),
    ],
    firstName: list(
      tr.t({
        id: 'students.roster.names.firstName',
        defaultMessage: 'First name, Given name, Given names, Forename, Forenames, First, Legal first name, Student first name',
      }),
    ),
    lastName: list(
      tr.t({
        id: 'students.roster.names.lastName',
        defaultMessage: 'Last name, Surname, Family name, Last, Legal last name, Student last name, Student surname',
      }),
    ),
    email: list(tr.t({ id: 'students.roster.names.email', defaultMessage: 'Email, Email address, Mail' })),
    className: [
      ...list(tr.t({ id: 'students.roster.names.className', defaultMessage: 'Class, Class name, Group, Form, Homeroom' })),
      tr.t({ id: 'core.csv.class', defaultMessage: 'Class' }),
    ],
    consent: list(tr.t({ id: 'students.roster.names.consent', defaultMessage: 'Consent, Biometric consent, Face consent, Photo consent, Consent status' })),
    consentBy: list(tr.t({ id: 'students.roster.names.consentBy', defaultMessage: 'Consent by, Consent given by, On behalf of, Given by' })),
    consentNote: list(tr.t({ id: 'students.roster.names.consentNote', defaultMessage: 'Consent note, Consent reference, Consent ref, Consent form' })),
  };
}

/** A consent cell's words in one language, the word to suggest first. */
export function consentWords(tr: Translator): Record<ConsentWord, string[]> {
  return {
    granted: list(tr.t({ id: 'students.roster.words.granted', defaultMessage: 'yes, y, granted, given, consented, true' })),
    refused: list(tr.t({ id: 'students.roster.words.refused', defaultMessage: 'no, n, refused, declined, false' })),
    withdrawn: list(tr.t({ id: 'students.roster.words.withdrawn', defaultMessage: 'withdrawn, revoked' })),
    'not-asked': list(tr.t({ id: 'students.roster.words.notAsked', defaultMessage: 'not asked, unknown, pending' })),
  };
}

/** A consent-by cell's words in one language, the word to suggest first. */
export function byWords(tr: Translator): Record<ByWord, string[]> {
  return {
    parent: list(tr.t({ id: 'students.roster.words.parent', defaultMessage: 'parent, guardian, carer, mother, father' })),
    student: list(tr.t({ id: 'students.roster.words.student', defaultMessage: 'student, pupil, self' })),
  };
}

/**
 * A header or a word as compared: compatibility-decomposed, without diacritics (marks, which also
 * takes the hamza off an Arabic alef), punctuation, spaces or digits, and lower-cased. "Schüler-ID"
 * and "schueler id" differ (a translator lists both), "Schüler-ID" and "SCHULER_ID" do not.
 */
export function norm(text: string, locale = translator().language): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '') // marks, and the Arabic tatweel that only stretches a word
    .toLocaleLowerCase(locale)
    .replace(/[^\p{L}]/gu, '');
}

export interface RosterWords {
  /** Each field's header names, normalised, best first: English, the app's language, then the others. */
  fields: Record<RosterField, string[]>;
  consent: Map<string, ConsentWord>;
  by: Map<string, ByWord>;
  /** The app's language's own words, as written, for messages. */
  spoken: { fields: Record<RosterField, string[]>; consent: Record<ConsentWord, string[]>; by: Record<ByWord, string[]> };
}

/**
 * The words a roster file is read with now. Where two languages give one word different meanings,
 * English's and then the app's language's meaning holds.
 */
export function rosterWords(): RosterWords {
  const now = translator();
  const speakers = [createTranslator(SOURCE_LANGUAGE, {}), now, ...[...others.values()].filter((o) => o.language !== now.language)];
  const fields = {} as Record<RosterField, string[]>;
  const consent = new Map<string, ConsentWord>();
  const by = new Map<string, ByWord>();
  for (const tr of speakers) {
    for (const [field, names] of Object.entries(fieldNames(tr)) as [RosterField, string[]][]) {
      fields[field] = [...new Set([...(fields[field] ?? []), ...names.map((n) => norm(n))])];
    }
    for (const [status, words] of Object.entries(consentWords(tr)) as [ConsentWord, string[]][])
      for (const w of words) if (!consent.has(norm(w))) consent.set(norm(w), status);
    for (const [who, words] of Object.entries(byWords(tr)) as [ByWord, string[]][]) for (const w of words) if (!by.has(norm(w))) by.set(norm(w), who);
  }
  const own = Object.fromEntries(Object.entries(fieldNames(now)).map(([f, names]) => [f, [...new Set(names)]])) as Record<RosterField, string[]>;
  return { fields, consent, by, spoken: { fields: own, consent: consentWords(now), by: byWords(now) } };
}
