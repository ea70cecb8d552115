// Passwords nobody should be allowed to set, judged the way a guesser would: too short in
// characters a person counts, among the most common passwords, a common word with a year or
// digits added, or mostly a keyboard walk, a sequence or one character repeated. Pure, so the
// browser shows the same message as the API. The common list is a small excerpt of the public
// breach-frequency lists (SecLists' 10-million top list and NCSC's "100k most common"),
// lower-cased: guessers try exactly these first.
const COMMON = `
1234567890 0123456789 0987654321 1234567891 12345678910 123456789a 123456789q 1q2w3e4r5t 1q2w3e4r5t6y
1qaz2wsx3edc qwertyuiop qwerty1234 qwerty12345 qwerty123456 qwertyuiop1 qwertyuiop123 asdfghjkl1 asdfghjkl123
zxcvbnm123 1qazxsw2 q1w2e3r4t5 q1w2e3r4t5y6 a1b2c3d4e5 abcdefghij abcdefghijk abcd123456 abc1234567 abcdef123456
password12 password123 password1234 password12345 password123456 password01 password! password1! passw0rd123
p@ssw0rd123 p@ssword123 password2020 password2021 password2022 password2023 password2024 password2025 password2026
iloveyou12 iloveyou123 iloveyou1234 football123 baseball123 basketball basketball1 superman123 batman1234
letmein123 letmein1234 welcome123 welcome1234 welcome2024 welcome2025 welcome2026 changeme123 changeme1234
administrator admin12345 admin123456 adminadmin admin@1234 administrator1 trustno1234 princess123 sunshine123
monkey12345 dragon1234 starwars123 master1234 computer123 whatever123 freedom123 chocolate1 chocolate123
pokemon123 michael123 jennifer123 jordan2323 liverpool1 liverpool123 chelsea123 arsenal123 manchester
1111111111 1212121212 1122334455 1234512345 1234554321 9876543210 5555555555 0000000000 1231231231
teacher123 teacher1234 student123 student1234 school1234 school12345 classroom1 rollcall123 rollcall1234
summer2024 summer2025 winter2024 winter2025 spring2025 autumn2025 september1 christmas1 happy12345
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(COMMON.split(/\s+/).filter(Boolean));

/** The length rule, in characters as a person counts them (an accented letter is one, whatever its encoding). */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Words a guesser tries first with a year or a few digits after them: this product, a school's own
 * words, and the commonest bases of the breach lists.
 */
const BASE_WORDS: ReadonlySet<string> = new Set(
  `rollcall roll call register attendance teacher teachers student students pupil pupils school class classroom
  password passwort motdepasse admin administrator welcome letmein qwerty azerty iloveyou monkey dragon football
  baseball soccer sunshine princess master shadow secret summer winter spring autumn christmas hello login`.split(/\s+/),
);

/** Keyboard rows (QWERTY, QWERTZ, AZERTY) and the digit row as typed: a run along one is a walk, not a choice. */
const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'yxcvbnm', 'azertyuiop', 'qsdfghjklm', 'wxcvbn', 'abcdefghijklmnopqrstuvwxyz'];
const WALKS = ROWS.flatMap((r) => [r, [...r].reverse().join('')]);
/** The digits and signs people put for letters ("p@ssw0rd"). */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i' };
/** At most this many characters of decoration (digits, a year, signs) around a base word still make it a guess. */
const MAX_DECORATION = 6;
/** What is left once walks, sequences and repeats are taken out must be at least this long. */
const MIN_REMAINDER = 4;

/** Characters a person counts: grapheme clusters (a letter with its accents is one). */
export function passwordLength(password: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(password.normalize('NFKC'))].length;
}

/** The password without its keyboard walks, alphabet or digit sequences (3+ along a row, either way) and runs of one character (3+). */
function withoutPatterns(p: string): string {
  let out = '';
  let i = 0;
  while (i < p.length) {
    let longest = 1;
    for (const row of WALKS) {
      let n = 0;
      while (i + n < p.length && n < row.length && row.includes(p.slice(i, i + n + 1))) n++;
      longest = Math.max(longest, n);
    }
    let same = 1;
    while (p[i + same] === p[i]) same++;
    const run = Math.max(longest, same);
    if (run >= 3) i += run;
    else out += p[i++];
  }
  return out;
}

/** A base word, possibly repeated and spelled with digits for letters, with a little decoration around it. */
function isDecoratedWord(p: string): boolean {
  const core = /^[^\p{L}]*(.*?)[^\p{L}]*$/u.exec(p)![1]!;
  if (p.length - core.length > MAX_DECORATION) return false;
  const letters = [...core]
    .map((c) => LEET[c] ?? c)
    .join('')
    .replace(/[^\p{L}]/gu, '');
  if (!letters) return false;
  for (const word of BASE_WORDS) if (letters === word.repeat(letters.length / word.length)) return true;
  return false;
}

/**
 * Why a new password is too weak, or null when it will do. Judged on the password as it is
 * stored: NFKC-normalised (full-width "１２３４５６７８９０" signs in as "1234567890"), lower-cased,
 * without spaces.
 */
export function weakPasswordCode(password: string): WeakPasswordCode | null {
  const p = password.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (p === '') return 'blank';
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) return 'too-short';
  if (new Set(p).size === 1) return 'one-character';
  if (COMMON_PASSWORDS.has(p)) return 'common';
  if (new Set(p).size < 5) return 'few-characters';
  if (isDecoratedWord(p)) return 'decorated-word';
  if ([...withoutPatterns(p)].length < MIN_REMAINDER) return 'keyboard-pattern';
  return null;
}

/** Why a password is too weak, by code (the web app words each in the person's language). */
export type WeakPasswordCode = 'blank' | 'too-short' | 'one-character' | 'common' | 'few-characters' | 'decorated-word' | 'keyboard-pattern';

const WEAK_PASSWORD_REASON: Record<WeakPasswordCode, string> = {
  blank: 'must not be blank',
  'too-short': `must be at least ${MIN_PASSWORD_LENGTH} characters long (accents count with their letter)`,
  'one-character': 'must not be one character repeated',
  common: 'is one of the most common passwords: choose another',
  'few-characters': 'uses too few different characters',
  'decorated-word': 'is a common word with a year or digits added: guessers try those first',
  'keyboard-pattern': 'is mostly a keyboard row, a sequence or a repeated character',
};

/** Why a new password is too weak, in English, or null when it will do. */
export function weakPasswordReason(password: string): string | null {
  const code = weakPasswordCode(password);
  return code && WEAK_PASSWORD_REASON[code];
}
