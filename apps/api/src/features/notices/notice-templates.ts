// The built-in notice wording per language and the one renderer: plain text, placeholders filled
// with values made single-line, so a name can neither add a mail header nor become markup.
import { NOTICE_PLACEHOLDERS, type NoticeTemplate } from '@rollcall/contracts';

export type Placeholder = (typeof NOTICE_PLACEHOLDERS)[number];
export type NoticeValues = Record<Placeholder, string>;

export const BUILT_IN_TEMPLATES: Record<string, NoticeTemplate> = {
  en: {
    language: 'en',
    subject: '{student} was absent: {period}, {date}',
    body: [
      'Dear {guardian},',
      '',
      '{student} ({class}) was marked absent in {period} on {date}, and the school has no reason recorded.',
      'If you know why, please tell the school office.',
      '',
      'This message was sent automatically by the school register.',
    ].join('\n'),
  },
  de: {
    language: 'de',
    subject: '{student} hat gefehlt: {period}, {date}',
    body: [
      'Guten Tag {guardian},',
      '',
      '{student} ({class}) wurde am {date} in {period} als abwesend eingetragen, und der Schule liegt kein Grund vor.',
      'Wenn Sie den Grund kennen, melden Sie ihn bitte dem Sekretariat.',
      '',
      'Diese Nachricht wurde automatisch vom Klassenbuch der Schule versandt.',
    ].join('\n'),
  },
};

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
