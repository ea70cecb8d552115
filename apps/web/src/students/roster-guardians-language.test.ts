// Guardian columns in the school's language (whole files in test/guardian-languages.test.ts): the
// guardian word before or after the field, one number in any script's digits, a may-contact cell's
// words and a language's name in any catalogue language.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../core/i18n.ts';
import { parseRosterCsv } from './roster-csv.ts';
import { guardianColumns, languageTag } from './roster-guardians.ts';
import { loadRosterLanguages } from './roster-language.ts';

afterEach(async () => {
  await setLanguage('en');
});

describe('guardian columns in any catalogue language', () => {
  it('numbers guardians by the one number in the header, in any script’s digits, before or after the field', async () => {
    await loadRosterLanguages();
    const headers = [
      'Erziehungsberechtigte:r 2 E-Mail',
      'Tutor 2 correo',
      'ولي الأمر 2 البريد الإلكتروني',
      'هاتف ولي الأمر ٣',
      'Parent email 3',
      'E-Mail der Erziehungsberechtigten',
      'Guardian 1 2 email',
      'Tutor',
      'Nombre',
      'Kontakt',
    ];
    expect([...guardianColumns(headers).entries()]).toEqual([
      [1, { email: 'E-Mail der Erziehungsberechtigten', name: 'Tutor' }],
      [2, { email: 'Erziehungsberechtigte:r 2 E-Mail' }],
      [3, { phone: 'هاتف ولي الأمر ٣', email: 'Parent email 3' }],
    ]);
  });

  it('says which words a may-contact cell takes, in the app’s language', async () => {
    const csv = ['Student ID,Name,Guardian name,Guardian may contact', 'S1,Ann Lee,Mary Lee,vielleicht'].join('\n');
    await setLanguage('de');
    await loadRosterLanguages();
    expect(parseRosterCsv(csv).problems.map((p) => p.message)).toEqual(['Erziehungsberechtigte 1 Kontakt erlaubt: „vielleicht“ ist nicht ja oder nein']);
    await setLanguage('es');
    expect(parseRosterCsv(csv).problems.map((p) => p.message)).toEqual(['Tutor legal 1, se puede contactar: “vielleicht” no es sí ni no']);
  });

  it('reads a language written in any catalogue’s language', () => {
    expect(['Alemán', 'العربية', 'Englisch', 'ESPAÑOL', 'Klingon'].map(languageTag)).toEqual(['de', 'ar', 'en', 'es', 'Klingon']);
  });
});
