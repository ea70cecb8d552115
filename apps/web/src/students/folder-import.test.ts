// Roster CSV and folder import planning: per-row errors, loose headers, the seed's folder layout.
import { describe, expect, it } from 'vitest';
import { planFolderImport } from './folder-import.ts';
import { parseRosterCsv } from './roster-csv.ts';

describe('roster CSV', () => {
  it('reads good rows and reports each bad one with its line', () => {
    const csv =
      '\uFEFFStudent ID,Name,Email,Class\nS001,Ada Lovelace,ada@school.example,Math 101\nS002,,x@school.example,Math 101\nS003,"Grace, Hopper",not-an-email,\nS001,Dup,,\nS/4,Bad Id,,\n"S005","Alan Turing",,Physics\n';
    const p = parseRosterCsv(csv);
    expect(p.rows.map((r) => [r.line, r.studentId, r.name, r.email, r.classes])).toEqual([
      [2, 'S001', 'Ada Lovelace', 'ada@school.example', ['Math 101']],
      [7, 'S005', 'Alan Turing', null, ['Physics']],
    ]);
    expect(p.problems.map((x) => [x.line, x.message.split(':')[0]])).toEqual([
      [3, 'Name'],
      [4, 'Email'],
      [5, 'Student ID S001 already appears on line 2'],
      [6, 'Student ID'],
    ]);
  });

  it('accepts other header spellings and refuses a file without id and name columns', () => {
    // Semicolons (a European spreadsheet's CSV) are detected.
    expect(parseRosterCsv('id;name\nA1;Ann\n').rows[0]).toMatchObject({ studentId: 'A1', name: 'Ann' });
    const loose = parseRosterCsv('student_number,full name,homeroom\nA1,Ann Lee,7B\n');
    expect(loose.rows[0]).toMatchObject({ studentId: 'A1', name: 'Ann Lee', classes: ['7B'] });
    expect(parseRosterCsv('foo,bar\n1,2\n').problems[0]!.message).toMatch(/student id column/);
  });

  it('reports a row with an unclosed quote', () => {
    const p = parseRosterCsv('id,name\nA0,Zed\nA1,"Ann\nA2,Bob\n');
    expect(p.rows.map((r) => r.studentId)).toEqual(['A0']);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]!.message).toMatch(/Malformed row: Quoted field unterminated/);
  });
});

describe('folder import plan', () => {
  it('groups photos by <StudentID>_<Name> folder and skips the rest with a reason', () => {
    const files = [
      'raw_images/S001_John/front.jpg',
      'raw_images/S001_John/side.JPG',
      'raw_images/S002_Mary_Ann/a.png',
      'raw_images/S002_Mary_Ann/notes.txt',
      'raw_images/loose.jpg',
      'raw_images/S003_Li/.DS_Store',
      'raw_images/NoUnderscore/x.jpg',
    ];
    const plan = planFolderImport(files.map((path) => ({ path, file: path })));
    expect(plan.students.map((s) => [s.studentId, s.name, s.files.length])).toEqual([
      ['S001', 'John', 2],
      ['S002', 'Mary Ann', 1],
    ]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['not an image', 'not inside a <StudentID>_<Name> folder', 'not inside a <StudentID>_<Name> folder']);
  });
});
