// zod's own words for its built-in checks (a wrong email address, a name too long) in the app's
// language: zod ships locales for many languages, loaded on demand in one chunk the first time a
// language other than English is spoken. The contracts' own checks are worded from the catalogue
// (packages/i18n, validation-messages.ts); this covers what zod itself says.
import { z } from 'zod';
import english from 'zod/v4/locales/en.js';

type Locales = typeof import('zod/v4/locales');

/** zod's locale for a tag: "pt-BR" as ptBR, else its base language ("de-AT" as de); undefined where zod has none. */
function localeFor(locales: Locales, tag: string): (() => ReturnType<typeof english>) | undefined {
  const all = locales as unknown as Record<string, (() => ReturnType<typeof english>) | undefined>;
  return all[tag.replace('-', '')] ?? all[tag.split('-')[0]!];
}

/** Sets zod's words to `tag`'s (English where zod has none). */
export async function speakZodIn(tag: string): Promise<void> {
  if (tag.split('-')[0] === 'en') return void z.config(english());
  // A chunk that cannot load (offline before it was kept) leaves zod in English rather than stop the language change.
  const locales = await import('zod/v4/locales').catch(() => null);
  const locale = locales && localeFor(locales, tag);
  z.config((locale ?? english)());
}
