// Passwords nobody should be allowed to set: blank, one character repeated, or among the most
// common passwords of 10 characters or more (shorter ones fail the length rule anyway). The list
// is a small excerpt of the public breach-frequency lists (SecLists' 10-million top list and
// NCSC's "100k most common"), lower-cased: guessers try exactly these first.
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

/** Why a new password is too weak, or null when it will do. */
export function weakPasswordReason(password: string): string | null {
  const p = password.trim().toLowerCase();
  if (p === '') return 'must not be blank';
  if (new Set(p).size === 1) return 'must not be one character repeated';
  if (COMMON_PASSWORDS.has(p)) return 'is one of the most common passwords: choose another';
  return null;
}
