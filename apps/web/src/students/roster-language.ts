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
/** A guardian's fields a roster CSV's guardian columns give. */
export type GuardianField = 'name' | 'relation' | 'email' | 'phone' | 'language' | 'mayContact';

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
 * A guardian column's names in one language: the words that say a column is a guardian's
 * ("Guardian", "Erziehungsberechtigte:r", "del tutor") and each field's names after or before them.
 */
export function guardianNames(tr: Translator): { guardian: string[]; fields: Record<GuardianField, string[]> } {
  return {
    guardian: list(tr.t({ id: 'students.roster.names.guardian', defaultMessage: 'Guardian, Parent, Carer' })),
    fields: {
      name: list(tr.t({ id: 'students.roster.names.guardianName', defaultMessage: 'Name, Full name' })),
      relation: list(tr.t({ id: 'students.roster.names.guardianRelation', defaultMessage: 'Relationship, Relation' })),
      email: list(tr.t({ id: 'students.roster.names.guardianEmail', defaultMessage: 'Email, Email address, Mail' })),
      phone: list(tr.t({ id: 'students.roster.names.guardianPhone', defaultMessage: 'Phone, Mobile, Phone number, Telephone, Tel, SMS' })),
      language: list(tr.t({ id: 'students.roster.names.guardianLanguage', defaultMessage: 'Language, Preferred language, Lang' })),
      mayContact: list(tr.t({ id: 'students.roster.names.guardianMayContact', defaultMessage: 'May contact, Contact, Contact allowed, Contact OK' })),
    },
  };
}

/** A guardian's may-contact cell's words in one language, the word to suggest first. */
export function contactWords(tr: Translator): { yes: string[]; no: string[] } {
  return {
    yes: list(tr.t({ id: 'students.roster.words.contactYes', defaultMessage: 'yes, y, true, allowed' })),
    no: list(tr.t({ id: 'students.roster.words.contactNo', defaultMessage: 'no, n, false, not allowed, do not contact' })),
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
  /** Guardian columns' names, normalised: the guardian words, and each field's names. */
  guardian: { words: Set<string>; fields: Map<string, GuardianField> };
  /** A may-contact cell's words, normalised: true for yes. */
  contact: Map<string, boolean>;
  /** The app's language's own words, as written, for messages. */
  spoken: {
    fields: Record<RosterField, string[]>;
    consent: Record<ConsentWord, string[]>;
    by: Record<ByWord, string[]>;
    contact: { yes: string[]; no: string[] };
  };
}

// Read per row (a guardian's may-contact cell), so built once per app language and set of catalogues.
let built: { tr: Translator; languages: number; words: RosterWords } | null = null;

/**
 * The words a roster file is read with now. Where two languages give one word different meanings,
 * English's and then the app's language's meaning holds.
 */
export function rosterWords(): RosterWords {
  const now = translator();
  if (built?.tr === now && built.languages === others.size) return built.words;
  const speakers = [createTranslator(SOURCE_LANGUAGE, {}), now, ...[...others.values()].filter((o) => o.language !== now.language)];
  const fields = {} as Record<RosterField, string[]>;
  const consent = new Map<string, ConsentWord>();
  const by = new Map<string, ByWord>();
  const guardian: RosterWords['guardian'] = { words: new Set(), fields: new Map() };
  const contact = new Map<string, boolean>();
  for (const tr of speakers) {
    for (const [field, names] of Object.entries(fieldNames(tr)) as [RosterField, string[]][]) {
      fields[field] = [...new Set([...(fields[field] ?? []), ...names.map((n) => norm(n))])];
    }
    for (const [status, words] of Object.entries(consentWords(tr)) as [ConsentWord, string[]][])
      for (const w of words) if (!consent.has(norm(w))) consent.set(norm(w), status);
    for (const [who, words] of Object.entries(byWords(tr)) as [ByWord, string[]][]) for (const w of words) if (!by.has(norm(w))) by.set(norm(w), who);
    const g = guardianNames(tr);
    for (const w of g.guardian) guardian.words.add(norm(w));
    for (const [field, names] of Object.entries(g.fields) as [GuardianField, string[]][])
      for (const n of names) if (!guardian.fields.has(norm(n))) guardian.fields.set(norm(n), field);
    for (const [yes, words] of [
      [true, contactWords(tr).yes],
      [false, contactWords(tr).no],
    ] as const)
      for (const w of words) if (!contact.has(norm(w))) contact.set(norm(w), yes);
  }
  const own = Object.fromEntries(Object.entries(fieldNames(now)).map(([f, names]) => [f, [...new Set(names)]])) as Record<RosterField, string[]>;
  const words = { fields, consent, by, guardian, contact, spoken: { fields: own, consent: consentWords(now), by: byWords(now), contact: contactWords(now) } };
  built = { tr: now, languages: others.size, words };
  return words;
}
