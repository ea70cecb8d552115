// Roster CSVs that split the name into first and last columns, as most school systems export them.
import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from './roster-csv.ts';

describe('roster CSV with first and last names', () => {
  it.each([
    ['Student ID,First name,Last name', 'first name + last name'],
    ['student_id,Given Name,Family Name', 'given + family'],
    ['Pupil ID,Forename,Surname', 'forename + surname'],
    ['id,LAST_NAME,FIRST_NAME', 'columns in either order'],
  ])('joins %s into one name (%s)', (header) => {
    const last = header.toLowerCase().indexOf('last') < header.toLowerCase().indexOf('first');
    const p = parseRosterCsv(`${header}\nS1,${last ? 'Lovelace,Ada' : 'Ada,Lovelace'}\n`);
    expect(p.problems).toEqual([]);
    expect(p.rows.map((r) => [r.studentId, r.name])).toEqual([['S1', 'Ada Lovelace']]);
  });

  it('takes a one-word name from either column, and reports a row with neither', () => {
    const p = parseRosterCsv('Student ID,First name,Last name,Class\nS1,Pelé,,7B\nS2,,Suharto,7B\nS3,,,7B\n');
    expect(p.rows.map((r) => [r.studentId, r.name, r.classes])).toEqual([
      ['S1', 'Pelé', ['7B']],
      ['S2', 'Suharto', ['7B']],
    ]);
    expect(p.problems.map((x) => [x.line, x.message])).toEqual([[4, 'Name: missing']]);
  });

  it('prefers a full-name column when a file has both', () => {
    const p = parseRosterCsv('Student ID,Name,First name,Last name\nS1,Ada King,Ada,Lovelace\nS2,,Grace,Hopper\n');
    expect(p.rows.map((r) => r.name)).toEqual(['Ada King', 'Grace Hopper']);
  });

  it('still asks for a name column when there is neither a name nor a first or last name', () => {
    expect(parseRosterCsv('Student ID,Class\nS1,7B\n').problems[0]!.message).toMatch(/first and last name columns/);
  });
});
