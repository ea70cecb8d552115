// Guardians from a roster CSV's extra columns: one or more per student, numbered or not, checked
// as the API checks them, so a bad address is reported on its line and the student is not imported.
import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from './roster-csv.ts';
import { guardianColumns, languageTag } from './roster-guardians.ts';

describe('guardians in a roster CSV', () => {
  it('reads a first and a second guardian from their columns, leaving out an empty one', () => {
    const csv = [
      'Student ID,Name,Class,Guardian name,Guardian relationship,Guardian email,Guardian phone,Guardian language,Guardian may contact,Parent 2 name,Parent 2 email,Parent 2 language',
      'S1,Ann Lee,7B,Mary Lee,mother,mary@home.example,+44 20 7946 0001,English,yes,Jürgen Lee,juergen@home.example,DE',
      'S2,Ben Ortiz,7B,Rosa Ortiz,,rosa@home.example,,,no,,,',
      'S3,Cleo Park,7B,,,,,,,,,',
    ].join('\n');
    const p = parseRosterCsv(csv);
    expect(p.problems).toEqual([]);
    expect(p.rows.map((r) => [r.studentId, r.guardians])).toEqual([
      [
        'S1',
        [
          { name: 'Mary Lee', relation: 'mother', email: 'mary@home.example', phone: '+44 20 7946 0001', language: 'en', mayContact: true, sourceId: null },
          { name: 'Jürgen Lee', relation: null, email: 'juergen@home.example', phone: null, language: 'de', mayContact: true, sourceId: null },
        ],
      ],
      ['S2', [{ name: 'Rosa Ortiz', relation: null, email: 'rosa@home.example', phone: null, language: null, mayContact: false, sourceId: null }]],
      ['S3', []],
    ]);
  });

  it('reports a guardian email with a header injection, a guardian without a name and a bad contact flag, each on its line', () => {
    const csv = [
      'Student ID,Name,Guardian name,Guardian email,Guardian may contact',
      'S1,Ann Lee,Mary Lee,"mary@home.example\r\nBcc: all@evil.example",yes',
      'S2,Ben Ortiz,,rosa@home.example,yes',
      'S3,Cleo Park,Pat Park,pat@home.example,perhaps',
      'S4,Dev Shah,Raj Shah,raj@home.example,',
    ].join('\n');
    const p = parseRosterCsv(csv);
    expect(p.problems.map((x) => [x.line, x.message])).toEqual([
      [2, expect.stringMatching(/^Guardian 1 email: .*line breaks/)],
      [3, expect.stringMatching(/^Guardian 1 name: /)],
      [4, 'Guardian 1 may contact: "perhaps" is not yes or no'],
    ]);
    expect(p.rows.map((r) => r.studentId)).toEqual(['S4']);
  });

  it('tells guardians apart by the number in the header, and reads language names and tags', () => {
    expect([...guardianColumns(['Carer email', 'Guardian2 Email', 'guardian_2_name', 'Consent by']).entries()]).toEqual([
      [1, { email: 'Carer email' }],
      [2, { email: 'Guardian2 Email', name: 'guardian_2_name' }],
    ]);
    expect(['Deutsch', 'en_gb', 'PT-br', 'fr'].map(languageTag)).toEqual(['de', 'en-GB', 'pt-BR', 'fr']);
  });
});
