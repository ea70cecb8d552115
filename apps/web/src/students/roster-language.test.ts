// A roster in the school's language: zod's own words follow the app's language (an import line with
// a bad address says so in German to a German office), and headers and consent words are read in
// every catalogue's language, so the register CSV the app writes in any language reads back.
import { afterEach, describe, expect, it } from 'vitest';
import { DFE_CODES, type Register } from '@rollcall/contracts';
import { registersToCsv } from '../core/register-csv.ts';
import { parseRosterCsv } from './roster-csv.ts';
import { loadRosterLanguages, norm } from './roster-language.ts';
import { checkStudent } from './roster-row.ts';
import { LANGUAGES, setLanguage, speak } from '../core/i18n.ts';
import { speakZodIn } from '../core/zod-words.ts';

afterEach(async () => {
  speak('en', {});
  await speakZodIn('en');
});

const badEmail = { studentId: 'S1', name: 'Ann Lee', email: 'not-an-address' };

describe('speakZodIn', () => {
  it("words zod's built-in checks in the language's locale, its base language for a region", async () => {
    speak('de', { 'students.roster.field': '{field, select, studentId {Schüler-ID} name {Name} email {E-Mail} other {{field}}}' });
    await speakZodIn('de-AT');
    expect(checkStudent(badEmail)).toBe('E-Mail: Ungültig: E-Mail-Adresse');
    await speakZodIn('en');
    speak('en', {});
    expect(checkStudent(badEmail)).toBe('Email: Invalid email address');
  });

  it('keeps English where zod has no locale for the language', async () => {
    speak('xx', {});
    await speakZodIn('xx');
    expect(checkStudent(badEmail)).toBe('Email: Invalid email address');
  });
});

describe('a roster file in any catalogue language', () => {
  const reg: Register = {
    session: {
      id: '11111111-1111-4111-8111-111111111111',
      classId: '22222222-2222-4222-8222-222222222222',
      startsAt: '2026-11-29T08:05:00.000Z',
      endsAt: '2026-11-29T09:00:00.000Z',
      lateAfterMinutes: 10,
      active: false,
    },
    className: '7B',
    rows: [
      {
        studentId: 'R1',
        name: 'Łukasz Nowak',
        onRoster: true,
        status: 'present',
        markId: null,
        method: 'face',
        markedAt: '2026-11-29T08:06:30.120Z',
        markedBy: 'Room 12',
        reason: null,
        similarity: 0.93,
        deviceId: 'b-1',
      },
      {
        studentId: 'R2',
        name: 'محمد علي',
        onRoster: true,
        status: 'absent',
        markId: null,
        method: 'session-end',
        markedAt: '2026-11-29T09:00:00.000Z',
        markedBy: 'Tess',
        reason: null,
        similarity: null,
        deviceId: 'register',
      },
    ],
    counts: { total: 2, here: 1, present: 1, late: 0, excused: 0, absent: 1, notSeen: 0 },
  };

  it.each(LANGUAGES)('reads back the register CSV the app writes in %s, whatever language the app speaks then', async (lang) => {
    await setLanguage(lang);
    const csv = registersToCsv([reg], { technical: true, separator: ';', codes: DFE_CODES, now: Date.parse('2026-11-30T00:00:00Z') });
    for (const reader of ['en', lang]) {
      await setLanguage(reader);
      await loadRosterLanguages();
      const p = parseRosterCsv(csv);
      expect(p.problems).toEqual([]);
      expect(p.rows.map((r) => [r.studentId, r.name, r.classes])).toEqual([
        ['R1', 'Łukasz Nowak', ['7B']],
        ['R2', 'محمد علي', ['7B']],
      ]);
    }
  });

  it.each([
    ['de', 'Schüler-ID;Vorname;Nachname;Klasse;Einwilligung;Einwilligung durch\nS1;Jürgen;Groß;7B;ja;Schüler\nS2;Ann;Lee;7B;Nein;Eltern\n'],
    ['es', 'Nº de alumno,Nombre,Apellidos,Curso,Consentimiento,Dado por\nS1,Jürgen,Groß,7B,Sí,alumno\nS2,Ann,Lee,7B,no,Madre\n'],
    ['ar', 'رقم الطالب,الاسم الأول,اسم العائلة,الصف,الموافقة,الموافقة من\nS1,Jürgen,Groß,7B,نعم,الطالب\nS2,Ann,Lee,7B,لا,وليّ الأمر\n'],
  ])("reads a %s school system's headers and consent words with the app in English", async (_lang, csv) => {
    await loadRosterLanguages();
    const p = parseRosterCsv(csv);
    expect(p.problems).toEqual([]);
    expect(p.rows.map((r) => [r.studentId, r.name, r.classes, r.consent?.status, r.consent?.onBehalfOf])).toEqual([
      ['S1', 'Jürgen Groß', ['7B'], 'granted', 'student'],
      ['S2', 'Ann Lee', ['7B'], 'refused', 'parent'],
    ]);
  });

  it("reads English and the app's language before the other catalogues are loaded", async () => {
    await setLanguage('es');
    expect(parseRosterCsv('ID del estudiante,Nombre,Apellidos\nS1,Ana,Ruiz\n').rows.map((r) => r.name)).toEqual(['Ana Ruiz']);
    expect(parseRosterCsv('Student ID,Name\nS1,Ana Ruiz\n').rows.map((r) => r.name)).toEqual(['Ana Ruiz']);
  });

  it('compares headers without case, accents, punctuation, spaces or Arabic marks', () => {
    expect(norm('Schüler-ID', 'de')).toBe(norm('SCHULER_ID', 'de'));
    expect(norm('Nº de alumno', 'es')).toBe('nodealumno');
    expect(norm('Número de Alumno', 'es')).toBe('numerodealumno');
    expect(norm('الإسم الأوَّل', 'ar')).toBe(norm('الاسم الاول', 'ar'));
    expect(norm('الطـالب', 'ar')).toBe('الطالب');
  });

  it("says in the app's language which headers it wants, and which it found", async () => {
    await setLanguage('de');
    const id = parseRosterCsv('foo;Vorname\nS1;Ann\n').problems[0]!.message;
    expect(id).toMatch(/^Die Kopfzeile hat keine Spalte für die Schüler-ID: .*Schüler-ID.*\. Gefundene Spalten: foo und Vorname\.$/);
    expect(parseRosterCsv('Schüler-ID;Klasse\nS1;7B\n').problems[0]!.message).toMatch(/Vorname und Nachname\./);
    await setLanguage('ar');
    expect(parseRosterCsv('x\n1\n').problems[0]!.message).toMatch(/^لا يحوي سطر العناوين عمود رقم الطالب/);
    const consent = parseRosterCsv('Student ID,Name,Consent\nS1,Ann,vielleicht\n').problems[0]!.message;
    expect(consent).toContain('نعم');
  });
});
