// The language the API speaks to a caller, where it speaks to people (error messages): the signed-in
// person's own choice, else the request's Accept-Language, else English. The catalogues are the
// web app's (packages/i18n/messages), read once at start-up: adding a language is adding its file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTranslator, pickLanguage, SOURCE_LANGUAGE, type Catalogue, type Translator } from '@rollcall/i18n';
import { readCatalogues } from '@rollcall/i18n/node';

/**
 * Where the catalogues are: beside the compiled API (build.mjs copies them to dist/messages), or
 * in the source tree when run from source; ROLLCALL_MESSAGES_DIR overrides both.
 */
function messagesDir(): string | null {
  const candidates = [
    process.env.ROLLCALL_MESSAGES_DIR,
    fileURLToPath(new URL('./messages/', import.meta.url)),
    fileURLToPath(new URL('../../../../packages/i18n/messages/', import.meta.url)),
  ];
  return candidates.find((dir): dir is string => !!dir && existsSync(dir)) ?? null;
}

function load(): Map<string, Catalogue> {
  const dir = messagesDir();
  const found = dir ? readCatalogues(dir) : new Map<string, Catalogue>();
  // English needs no file (the code's defaults are English); every other language needs one.
  if (!found.has(SOURCE_LANGUAGE)) found.set(SOURCE_LANGUAGE, {});
  return found;
}

const catalogues = load();

/** The languages the API speaks (the catalogues found), English first. */
export const API_LANGUAGES: readonly string[] = [SOURCE_LANGUAGE, ...[...catalogues.keys()].filter((l) => l !== SOURCE_LANGUAGE).sort()];

/** The tags of an Accept-Language header, most wanted first ("de-AT,de;q=0.9,en;q=0.5" -> de-AT, de, en). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      // A malformed weight ("q=abc") drops the tag rather than rank it first.
      const q = params.map((p) => /^\s*q=(.*)$/.exec(p)?.[1]?.trim()).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : /^\d+(\.\d+)?$/.test(q) ? Number(q) : Number.NaN, i };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0 && Number.isFinite(l.q))
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}

/** The first of `wanted` the API speaks (English when none). */
export function languageFor(wanted: readonly (string | null | undefined)[]): string {
  return pickLanguage(wanted, API_LANGUAGES);
}

/**
 * `say` in `language`, or null where the language's catalogue lacks a message it uses: the caller
 * then falls back rather than say a sentence half in English. English has every message.
 */
export function sayIn<T>(language: string, say: (tr: Translator) => T): T | null {
  let missing = false;
  const text = say(createTranslator(language, catalogues.get(language) ?? {}, () => (missing = true)));
  return missing ? null : text;
}

/** The language a signed-in caller chose, kept on the response by the router once it knows them. */
export function callerLanguage(res: { locals: Record<string, unknown> }): string | null {
  const chosen = res.locals.language;
  return typeof chosen === 'string' ? chosen : null;
}
