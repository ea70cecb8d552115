// The languages the browser test walks through, read from the same folder the web build finds its
// catalogues in (so a new `<tag>.json` is tested without touching the test), with a translator per
// language that says what a page should read.
import { createTranslator, direction, SOURCE_LANGUAGE, type Message, type Translator, type Values } from '@rollcall/i18n';
import { MESSAGES_DIR, readCatalogues } from '@rollcall/i18n/node';

const catalogues = readCatalogues(MESSAGES_DIR);

/** English first, then every other catalogue on disk. */
export const TEST_LANGUAGES: readonly string[] = [SOURCE_LANGUAGE, ...[...catalogues.keys()].filter((l) => l !== SOURCE_LANGUAGE).sort()];

export interface Language {
  tag: string;
  dir: 'rtl' | 'ltr';
  translator: Translator;
  /** What the page should read for a message: its translation, else (as the app does) the English. */
  say(message: Message, values?: Values): string;
  /**
   * English texts that must not be seen in this language: every English message without arguments
   * whose translation differs from it (and is not itself some other message's translation, so a
   * word two languages share is not mistaken for one left untranslated).
   */
  english: ReadonlySet<string>;
}

export function language(tag: string): Language {
  // English is spoken from the code's defaults, as the app does (en.json is only their copy).
  const catalogue = tag === SOURCE_LANGUAGE ? {} : (catalogues.get(tag) ?? {});
  const translator = createTranslator(tag, catalogue);
  const source = catalogues.get(SOURCE_LANGUAGE) ?? {};
  const translated = new Set(Object.values(catalogue).map((s) => s.trim()));
  const english = new Set(
    tag === SOURCE_LANGUAGE
      ? []
      : Object.entries(source)
          .filter(([id, text]) => !/[{<]/.test(text) && catalogue[id] !== undefined && catalogue[id] !== text && !translated.has(text.trim()))
          .map(([, text]) => text.trim()),
  );
  return { tag, dir: direction(tag), translator, say: (message, values) => translator.t(message, values), english };
}
