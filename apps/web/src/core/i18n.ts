// The web app's language: the one translator every screen speaks through. `t()` reads the current
// language, so plain modules (status words, CSV headers, formatting) translate without React;
// components re-render on a change because the app root is keyed by `language` (main.tsx). Which
// language to speak is core/language-choice.ts's business.
import { baseLanguage, createTranslator, direction, SOURCE_LANGUAGE, type Catalogue, type Message, type Translator, type Values } from '@rollcall/i18n';
import type { ReactNode } from 'react';
import { Store, useObservable } from './store.ts';
import { speakZodIn } from './zod-words.ts';

// Every catalogue in the shared folder is a language the app offers: adding a language is adding
// its file. English needs none (the defaults in code are the English text); others load on demand.
const loaders = import.meta.glob<Catalogue>('../../../../packages/i18n/messages/*.json', { import: 'default' });
const byLanguage = new Map(Object.entries(loaders).map(([path, load]) => [path.replace(/^.*\/([^/]+)\.json$/, '$1'), load]));

/** The languages this build speaks, English first. */
export const LANGUAGES: readonly string[] = [SOURCE_LANGUAGE, ...[...byLanguage.keys()].filter((l) => l !== SOURCE_LANGUAGE).sort()];

let current: Translator = createTranslator(SOURCE_LANGUAGE, {});

/** The language the app speaks now. */
export const language = new Store<string>(SOURCE_LANGUAGE);

/** A message in the current language: `t({ id: 'register.title', defaultMessage: 'Register' })`. */
export function t(message: Message, values?: Values): string {
  return current.t(message, values);
}

/**
 * A message with elements inside it, for JSX: `tx({ id, defaultMessage: 'Open <link>Settings</link>' },
 * { link: (chunks) => <a href="#/settings">{chunks}</a> })`. Keeps the sentence whole for translators.
 */
export function tx(message: Message, values?: Values): ReactNode {
  return current.intl.formatMessage(message, values) as ReactNode;
}

/** The current translator (dates, numbers and lists through `intl`; names through `collator`). */
export function translator(): Translator {
  return current;
}

/**
 * The locale dates and numbers are written in: the browser's own region of the app's language
 * where it asks for one ("en-GB" while the app speaks "en"), else the app's language.
 */
export function formatLocale(): string {
  const wanted = typeof navigator === 'undefined' ? [] : navigator.languages;
  return wanted.find((tag) => baseLanguage(tag) === baseLanguage(current.language)) ?? current.language;
}

/** Compares two names by the current language's rules: for sorting rosters and lists of people. */
export function compareNames(a: string, b: string): number {
  return current.collator.compare(a, b);
}

/**
 * Whether a name answers a search, by the current language's rules: case and accents do not
 * matter ("lukasz" finds "Łukasz", "zoe" finds "Zoë"), every word of the query must occur.
 */
export function matchesName(name: string, query: string): boolean {
  return current.matchesName(name, query);
}

/** Switches the app to `tag` (one of LANGUAGES), loading its catalogue; a tag without one speaks English. */
export async function setLanguage(tag: string): Promise<void> {
  const load = tag === SOURCE_LANGUAGE ? null : byLanguage.get(tag);
  const [catalogue] = await Promise.all([load ? load() : {}, speakZodIn(load ? tag : SOURCE_LANGUAGE)]);
  speak(load ? tag : SOURCE_LANGUAGE, catalogue);
}

/**
 * Speaks `tag` with its catalogue in hand (setLanguage loads it; tests hand one in), and mirrors
 * the page for right-to-left scripts.
 */
export function speak(tag: string, catalogue: Catalogue): void {
  current = createTranslator(tag, catalogue, (id) => console.warn(`No ${tag} text for ${id}`));
  if (typeof document !== 'undefined') {
    document.documentElement.lang = current.language;
    document.documentElement.dir = direction(current.language);
  }
  language.set(current.language);
}

export function useLanguage(): string {
  return useObservable(language);
}
