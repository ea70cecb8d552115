// Guardian columns in the school's language: a German, Spanish or Arabic school system's roster
// with guardian columns (numbered or not, the guardian word before or after the field) imports
// whether the app speaks English or that language, and a may-contact cell is read in its words.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../core/i18n.ts';
import { parseRosterCsv } from './roster-csv.ts';
import { guardianColumns, languageTag } from './roster-guardians.ts';
import { loadRosterLanguages } from './roster-language.ts';

afterEach(async () => {
  await setLanguage('en');
});

const guardian = (g: { name: string; relation?: string; email?: string; phone?: string; language?: string; mayContact?: boolean }) => ({
  relation: null,
  email: null,
  phone: null,
  language: null,
  mayContact: true,
  sourceId: null,
  ...g,
});

const FILES = [
  {
    lang: 'de',
    csv: [
      'Schüler-ID;Vorname;Nachname;Klasse;Erziehungsberechtigte:r 1 Name;Erziehungsberechtigte:r 1 Beziehung;Erziehungsberechtigte:r 1 E-Mail;Erziehungsberechtigte:r 1 Telefon;Erziehungsberechtigte:r 1 Sprache;Erziehungsberechtigte:r 1 Kontakt erlaubt;Erziehungsberechtigte:r 2 Name;Erziehungsberechtigte:r 2 E-Mail;Kontakt erlaubt Eltern 2',
      'S1;Jonas;Müller;7b;Anna Müller;Mutter;anna@home.example;+49 30 1234567;Deutsch;ja;Ali Yılmaz;ali@home.example;nein',
      'S2;Lea;Schmidt;7b;Petra Schmidt;;petra@home.example;;;;;;',
    ].join('\n'),
    rows: [
      [
        'S1',
        'Jonas Müller',
        [
          guardian({ name: 'Anna Müller', relation: 'Mutter', email: 'anna@home.example', phone: '+49 30 1234567', language: 'de' }),
          guardian({ name: 'Ali Yılmaz', email: 'ali@home.example', mayContact: false }),
        ],
      ],
      ['S2', 'Lea Schmidt', [guardian({ name: 'Petra Schmidt', email: 'petra@home.example' })]],
    ],
  },
  {
    lang: 'es',
    csv: [
      'NIA,Nombre,Apellidos,Curso,Nombre del tutor/a legal 1,Parentesco del tutor 1,Correo del tutor 1,Teléfono del tutor 1,Idioma del tutor 1,Tutor 1 se puede contactar,Tutor 2 nombre,Tutor 2 correo,Tutor 2 se puede contactar',
      'A1,Lucía,García López,1º ESO A,María López,madre,maria@casa.example,+34 600 123 456,inglés,sí,José García,jose@casa.example,no',
      'A2,Hugo,Martín,1º ESO A,Carmen Martín,,carmen@casa.example,,Español,,,,',
    ].join('\n'),
    rows: [
      [
        'A1',
        'Lucía García López',
        [
          guardian({ name: 'María López', relation: 'madre', email: 'maria@casa.example', phone: '+34 600 123 456', language: 'en' }),
          guardian({ name: 'José García', email: 'jose@casa.example', mayContact: false }),
        ],
      ],
      ['A2', 'Hugo Martín', [guardian({ name: 'Carmen Martín', email: 'carmen@casa.example', language: 'es' })]],
    ],
  },
  {
    lang: 'ar',
    csv: [
      'رقم الطالب,الاسم,الصف,اسم ولي الأمر,صلة القرابة لولي الأمر,البريد الإلكتروني لولي الأمر,هاتف ولي الأمر,لغة ولي الأمر,ولي الأمر يجوز التواصل,ولي الأمر ٢ الاسم,ولي الأمر 2 البريد الإلكتروني,ولي الأمر 2 يجوز التواصل',
      'T1,محمد علي,٧ب,فاطمة علي,الأم,fatima@home.example,+971 50 123 4567,العربية,نعم,أحمد علي,ahmad@home.example,لا',
      'T2,سارة حسن,٧ب,ليلى حسن,,layla@home.example,,,,,,',
    ].join('\n'),
    rows: [
      [
        'T1',
        'محمد علي',
        [
          guardian({ name: 'فاطمة علي', relation: 'الأم', email: 'fatima@home.example', phone: '+971 50 123 4567', language: 'ar' }),
          guardian({ name: 'أحمد علي', email: 'ahmad@home.example', mayContact: false }),
        ],
      ],
      ['T2', 'سارة حسن', [guardian({ name: 'ليلى حسن', email: 'layla@home.example' })]],
    ],
  },
];

describe('guardian columns in any catalogue language', () => {
  it.each(FILES)('reads a $lang school system’s guardians with the app in English and in $lang', async ({ lang, csv, rows }) => {
    for (const reader of ['en', lang]) {
      await setLanguage(reader);
      await loadRosterLanguages();
      const p = parseRosterCsv(csv);
      expect(p.problems).toEqual([]);
      expect(p.rows.map((r) => [r.studentId, r.name, r.guardians])).toEqual(rows);
    }
  });

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
