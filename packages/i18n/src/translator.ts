// One translator per language: ICU messages (plurals, select for gender, nested arguments) and
// dates, numbers and lists in that language's own conventions, all through FormatJS.
import { createIntl, createIntlCache, type IntlShape, type MessageDescriptor } from '@formatjs/intl';
import { SOURCE_LANGUAGE } from './languages.ts';
import { nameMatcher } from './search.ts';

/** A message in code: `{ id: 'register.title', defaultMessage: 'Register for {className}' }`. */
export type Message = MessageDescriptor & { id: string; defaultMessage: string };
export type Catalogue = Record<string, string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- FormatJS's own value type (string, number, Date, rich-text element functions)
export type Values = Record<string, any>;

export interface Translator {
  readonly language: string;
  readonly intl: IntlShape;
  /** The message in this language (the English default where the catalogue lacks it). */
  t(message: Message, values?: Values): string;
  /** Sorts and compares names the way this language does ("Łukasz" after "Daryl", before "Zoë"). */
  readonly collator: Intl.Collator;
  /** Whether every word of `query` is in `name`, ignoring case and accents as this language does ("lukasz" finds "Łukasz"). */
  matchesName(name: string, query: string): boolean;
}

const cache = createIntlCache();

export function createTranslator(language: string, catalogue: Catalogue, onMissing?: (id: string) => void): Translator {
  const intl = createIntl(
    {
      locale: language,
      defaultLocale: SOURCE_LANGUAGE,
      messages: catalogue,
      onError: (err) => {
        // A missing translation falls back to English: tell the caller (the CI check catches it
        // before release); anything else (a broken ICU message) is a bug worth seeing.
        if (err.code === 'MISSING_TRANSLATION') onMissing?.((err as { descriptor?: { id?: string } }).descriptor?.id ?? '');
        else console.error(err);
      },
    },
    cache,
  );
  return {
    language,
    intl,
    t: (message, values) => intl.formatMessage(message, values) as string,
    collator: new Intl.Collator(language, { sensitivity: 'base', numeric: true }),
    matchesName: nameMatcher(language),
  };
}
