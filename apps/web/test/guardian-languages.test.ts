// A German, Spanish and Arabic school system's roster with guardian columns (numbered or not, the
// guardian word before or after the field, a may-contact cell in the file's words) reads whether the
// app speaks English or the file's language, and its guardians are saved by the real API on both
// databases.
import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../../api/test/context.ts';
import { setLanguage } from '../src/core/i18n.ts';
import { importRoster } from '../src/students/import-roster.ts';
import { parseRosterCsv } from '../src/students/roster-csv.ts';
import { readRosterFiles } from '../src/students/roster-files.ts';
import { loadRosterLanguages } from '../src/students/roster-language.ts';
import { webApiAsAdmin } from './web-api.ts';

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

describe('a roster with guardian columns in the school system’s language', () => {
  it.each(FILES)('reads a $lang school system’s guardians with the app in English and in $lang', async ({ lang, csv, rows }) => {
    for (const reader of ['en', lang]) {
      await setLanguage(reader);
      await loadRosterLanguages();
      const p = parseRosterCsv(csv);
      expect(p.problems).toEqual([]);
      expect(p.rows.map((r) => [r.studentId, r.name, r.guardians])).toEqual(rows);
    }
  });
});

describe.each(dialects)('guardians of a roster in another language saved on %s', (dialect) => {
  const api = webApiAsAdmin(dialect);

  it.each(FILES)('imports a $lang roster’s guardians with the app in $lang', async ({ lang, csv, rows }) => {
    await setLanguage(lang);
    await loadRosterLanguages();
    const preview = readRosterFiles([{ name: `${lang}.csv`, text: csv, encoding: 'UTF-8' }]);
    if ('error' in preview) throw new Error(preview.error);
    expect(preview.problems).toEqual([]);
    const outcomes = await importRoster(preview.rows, () => {});
    expect(outcomes.map((o) => [o.studentId, o.outcome, o.guardians])).toEqual(rows.map(([id]) => [id, 'created', 'saved']));
    for (const [id, , guardians] of rows) {
      const saved = (await api().call('GET', `/api/students/${id}/guardians`)).body.items;
      expect(saved).toMatchObject(guardians as object[]);
    }
  });
});
