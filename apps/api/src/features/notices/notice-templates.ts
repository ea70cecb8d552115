// The built-in notice wording per language and the one renderer: plain text, placeholders filled
// with values made single-line, so a name can neither add a mail header nor become markup. The
// built-in wording is the message catalogue's (English in the code, every other language in its
// catalogue file), so a language added for the app speaks to guardians too.
import { NOTICE_PLACEHOLDERS, type NoticeTemplate } from '@rollcall/contracts';
import type { Translator } from '@rollcall/i18n';
import { API_LANGUAGES, sayIn } from '../../http/language.ts';

export type Placeholder = (typeof NOTICE_PLACEHOLDERS)[number];
export type NoticeValues = Record<Placeholder, string>;

/** Each placeholder as itself: the catalogue's message becomes a template that renderNotice fills. */
const AS_PLACEHOLDERS = Object.fromEntries(NOTICE_PLACEHOLDERS.map((p) => [p, `{${p}}`]));

function builtIn(tr: Translator): Omit<NoticeTemplate, 'language'> {
  return {
    subject: tr.t({ id: 'notices.builtIn.subject', defaultMessage: '{student} was absent: {period}, {date}' }, AS_PLACEHOLDERS),
    body: tr.t(
      {
        id: 'notices.builtIn.body',
        defaultMessage:
          'Dear {guardian},\n\n{student} ({class}) was marked absent in {period} on {date}, and the school has no reason recorded.\nIf you know why, please tell the school office.\n\nThis message was sent automatically by the school register.',
      },
      AS_PLACEHOLDERS,
    ),
  };
}

function builtInTemplates(): Record<string, NoticeTemplate> {
  const out: Record<string, NoticeTemplate> = {};
  for (const language of API_LANGUAGES) {
    const template = sayIn(language, builtIn);
    if (template) out[language] = { language, ...template };
  }
  return out;
}

/** The built-in wording of each language that has it: English always, others once their catalogue carries it. */
export const BUILT_IN_TEMPLATES: Record<string, NoticeTemplate> = builtInTemplates();

/** Controls (line breaks included), format characters and separators: none belongs in a one-line value. */
const NOT_ONE_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;

/** A value as it may appear in a notice: one line, nothing invisible. */
export const oneLine = (value: string): string => value.replace(NOT_ONE_LINE, ' ').replace(/ {2,}/g, ' ').trim();

const PLACEHOLDER = new RegExp(`\\{(${NOTICE_PLACEHOLDERS.join('|')})\\}`, 'g');

/**
 * Fills a template in one pass, so a value that itself reads "{student}" stays literal text. The
 * subject is made one line as a whole: a template's own line break cannot start a header either.
 */
export function renderNotice(template: Pick<NoticeTemplate, 'subject' | 'body'>, values: NoticeValues): { subject: string; body: string } {
  const fill = (text: string) => text.replace(PLACEHOLDER, (_m, key: Placeholder) => oneLine(values[key]));
  return { subject: oneLine(fill(template.subject)), body: fill(template.body).replace(/\r\n?/g, '\n') };
}
