// What a validation issue says to a person, in their language: the contracts' own checks (a term's
// dates, a code set's rows, a name or a password refused) by their code in the catalogue, zod's
// built-in checks in zod's own words of the language (the locale the caller set with z.config:
// the web app sets its language's). The same for an issue found in the browser and one the API
// sent back (its code and values travel beside its English).
import { checkOf, MAX_COMBINING_RUN, MIN_PASSWORD_LENGTH, PAIRING_CODE_LENGTH, type CheckCode } from '@rollcall/contracts';
import { z } from 'zod';
import { SOURCE_LANGUAGE } from './languages.ts';
import type { Translator } from './translator.ts';

/** An issue from zod in the browser, or one the API sent (WireIssue): its words, code and values. */
export interface IssueLike {
  message?: unknown;
  code?: unknown;
  params?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function checkSentence(tr: Translator, code: CheckCode, v: Record<string, unknown>): string {
  switch (code) {
    case 'name-unsafe':
      switch (v.reason) {
        case 'broken-character':
          return tr.t({ id: 'validation.name.brokenCharacter', defaultMessage: 'The name contains a broken character (a lone surrogate).' });
        case 'lone-joiner':
          return tr.t({ id: 'validation.name.loneJoiner', defaultMessage: 'The name contains a zero-width joiner outside a word.' });
        case 'accent-stack':
          return tr.t(
            { id: 'validation.name.accentStack', defaultMessage: 'The name stacks more than {max} accents on one letter.' },
            { max: MAX_COMBINING_RUN },
          );
        default:
          return tr.t({ id: 'validation.name.invisibleCharacter', defaultMessage: 'The name contains a control, invisible or text-direction character.' });
      }
    case 'password-weak':
      switch (v.reason) {
        case 'blank':
          return tr.t({ id: 'validation.password.blank', defaultMessage: 'The password must not be blank.' });
        case 'too-short':
          return tr.t(
            { id: 'validation.password.tooShort', defaultMessage: 'The password must be at least {min} characters long (accents count with their letter).' },
            { min: MIN_PASSWORD_LENGTH },
          );
        case 'one-character':
          return tr.t({ id: 'validation.password.oneCharacter', defaultMessage: 'The password must not be one character repeated.' });
        case 'common':
          return tr.t({ id: 'validation.password.common', defaultMessage: 'The password is one of the most common passwords: choose another.' });
        case 'few-characters':
          return tr.t({ id: 'validation.password.fewCharacters', defaultMessage: 'The password uses too few different characters.' });
        case 'decorated-word':
          return tr.t({
            id: 'validation.password.decoratedWord',
            defaultMessage: 'The password is a common word with a year or digits added: guessers try those first.',
          });
        default:
          return tr.t({
            id: 'validation.password.keyboardPattern',
            defaultMessage: 'The password is mostly a keyboard row, a sequence or a repeated character.',
          });
      }
    case 'password-too-short':
      return tr.t({ id: 'validation.password.atLeast', defaultMessage: 'at least {min} characters' }, { min: MIN_PASSWORD_LENGTH });
    case 'student-id-format':
      return tr.t({ id: 'validation.studentIdFormat', defaultMessage: 'letters, digits, ".", "_" and "-" only, starting with a letter or digit' });
    case 'code-text-format':
      return tr.t({ id: 'validation.codeTextFormat', defaultMessage: 'a code of 1 to 4 letters, digits or a symbol such as / or \\' });
    case 'wall-time-format':
      return tr.t({ id: 'validation.wallTimeFormat', defaultMessage: 'a time of day as HH:MM (24-hour), e.g. 08:50' });
    case 'period-ends-before-start':
      return tr.t({ id: 'validation.periodEndsBeforeStart', defaultMessage: 'A period must end after it starts (on the same day).' });
    case 'term-ends-before-start':
      return tr.t({ id: 'validation.termEndsBeforeStart', defaultMessage: 'A term’s last day cannot come before its first day.' });
    case 'code-listed-twice':
      return tr.t({ id: 'validation.codeListedTwice', defaultMessage: 'The code {code} is listed twice: each code may appear once.' }, { code: str(v.code) });
    case 'default-code-count':
      return tr.t(
        {
          id: 'validation.defaultCodeCount',
          defaultMessage:
            'Mark exactly one code as the default for {status, select, present {present} late {late} excused {excused} absent {absent} other {{status}}} (found {found}).',
        },
        { status: str(v.status), found: str(v.found) },
      );
    case 'reason-listed-twice':
      return tr.t({ id: 'validation.reasonListedTwice', defaultMessage: 'The reason "{label}" is listed twice.' }, { label: str(v.label) });
    case 'reason-code-unknown':
      return tr.t(
        { id: 'validation.reasonCodeUnknown', defaultMessage: 'The reason "{label}" names the code {code}, which is not in the list.' },
        { label: str(v.label), code: str(v.code) },
      );
    case 'nothing-to-update':
      return tr.t({ id: 'validation.nothingToUpdate', defaultMessage: 'Nothing to update: send at least one field to change.' });
    case 'pairing-code-format':
      return tr.t({ id: 'validation.pairingCodeFormat', defaultMessage: 'A pairing code is {length} letters and digits.' }, { length: PAIRING_CODE_LENGTH });
    case 'source-hash-format':
      return tr.t({ id: 'validation.sourceHashFormat', defaultMessage: 'sha256 as 64 lowercase hex digits' });
    case 'email-format':
      return tr.t({ id: 'validation.emailFormat', defaultMessage: 'an email address like parent@example.org' });
    case 'email-header-unsafe':
      return tr.t({
        id: 'validation.emailHeaderUnsafe',
        defaultMessage: 'An email address may not contain line breaks, control characters, quotes, commas, semicolons or angle brackets.',
      });
    case 'phone-format':
      return tr.t({ id: 'validation.phoneFormat', defaultMessage: 'a phone number of digits, spaces, ( ) and -, optionally starting with +' });
    case 'language-tag-format':
      return tr.t({ id: 'validation.languageTagFormat', defaultMessage: 'a language tag such as "de" or "pt-BR"' });
    case 'not-seen-needs-manual-session':
      return tr.t({
        id: 'validation.notSeenNeedsManualSession',
        defaultMessage: 'Only a mark made by hand within a session can take a student back to not seen.',
      });
    case 'instant-out-of-range':
      return tr.t({ id: 'validation.instantOutOfRange', defaultMessage: 'must fall between the years 1970 and 9999 in UTC' });
    case 'absence-reason-blank':
      return tr.t({ id: 'validation.absenceReasonBlank', defaultMessage: 'Say why the student was absent.' });
  }
}

/** zod's own words for a built-in issue in the language zod was set to; undefined where it has none. */
function zodWords(issue: IssueLike): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- zod's raw issue type; a sent issue carries the fields its wording reads
    const said = z.config().localeError?.(issue as any);
    return typeof said === 'string' ? said : said?.message;
  } catch {
    // A sent issue lacking a field zod's wording reads: its English stays.
    return undefined;
  }
}

/** The issue in the translator's language: a check by its code, zod's own in zod's words, else its own English. */
export function issueMessage(tr: Translator, issue: IssueLike): string {
  const found = checkOf(issue);
  if (found) return checkSentence(tr, found.code, found.values);
  const english = typeof issue.message === 'string' ? issue.message : '';
  if (tr.language === SOURCE_LANGUAGE || typeof issue.code !== 'string') return english;
  return zodWords(issue) ?? english;
}
