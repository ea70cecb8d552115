// OneRoster 1.1 CSV as a school information system exports it: files told apart by their headers,
// students, classes and enrollments read into roster rows, every broken row reported with its file
// and line while the rest still import.
import { describe, expect, it } from 'vitest';
import { oneRosterKind, parseOneRoster } from './oneroster.ts';
import { readRosterFiles } from './roster-files.ts';

const USERS = [
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
  'f3b1c2d4-0001,active,2026-08-30T10:00:00Z,true,org-1,student,ada.l,,Ada,Lovelace,,1001,ada@school.example,,,,09,',
  'f3b1c2d4-0002,active,2026-08-30T10:00:00Z,true,org-1,student,jose.m,,José,Muñoz,,1002,,,,,09,',
  'f3b1c2d4-0003,active,2026-08-30T10:00:00Z,true,org-1,student,bad.e,,Grace,Hopper,,1003,not-an-email,,,,09,',
  't-0001,active,2026-08-30T10:00:00Z,true,org-1,teacher,m.curie,,Marie,Curie,,,curie@school.example,,,,,',
  'p-0001,active,2026-08-30T10:00:00Z,true,org-1,parent,parent.l,,Anne,Lovelace,,,,,,,,',
  'f3b1c2d4-0004,tobedeleted,2026-08-30T10:00:00Z,true,org-1,student,left,,Left,School,,1004,,,,,09,',
  'f3b1c2d4-0005,active,2026-08-30T10:00:00Z,false,org-1,student,off,,Dis,Abled,,1005,,,,,09,',
  'bad id!,active,2026-08-30T10:00:00Z,true,org-1,student,x,,Bad,Id,,,,,,,09,',
  'f3b1c2d4-0001,active,2026-08-30T10:00:00Z,true,org-1,student,dup,,Ada,Again,,,,,,,09,',
].join('\r\n');

const CLASSES = [
  'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
  'c-1,active,2026-08-30T10:00:00Z,Chemistry 9,09,course-1,CH9-1,scheduled,Lab 2,org-1,term-1,Chemistry,,1',
  'c-2,active,2026-08-30T10:00:00Z,Maths 9,09,course-2,MA9-A,scheduled,R12,org-1,term-1,Maths,,2',
  'c-3,active,2026-08-30T10:00:00Z,Maths 9,09,course-2,MA9-B,scheduled,R13,org-1,term-1,Maths,,3',
  'c-4,active,2026-08-30T10:00:00Z,Art club,09,course-3,ART,homeroom,,org-1,term-1,Art,,',
].join('\r\n');

const ENROLLMENTS = [
  'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
  'e-1,active,2026-08-30T10:00:00Z,c-1,org-1,f3b1c2d4-0001,student,false,2026-09-01,2027-07-15',
  'e-2,active,2026-08-30T10:00:00Z,c-1,org-1,f3b1c2d4-0002,student,false,2026-09-01,2027-07-15',
  'e-3,active,2026-08-30T10:00:00Z,c-2,org-1,f3b1c2d4-0001,student,false,2026-09-01,2027-07-15',
  'e-4,active,2026-08-30T10:00:00Z,c-3,org-1,f3b1c2d4-0002,student,false,2026-09-01,2027-07-15',
  'e-5,active,2026-08-30T10:00:00Z,c-1,org-1,t-0001,teacher,true,2026-09-01,2027-07-15',
  'e-6,active,2026-08-30T10:00:00Z,c-1,org-1,f3b1c2d4-0003,student,false,2026-09-01,2027-07-15',
  'e-7,active,2026-08-30T10:00:00Z,c-9,org-1,f3b1c2d4-0001,student,false,2026-09-01,2027-07-15',
  'e-8,active,2026-08-30T10:00:00Z,c-2,org-1,nobody,student,false,2026-09-01,2027-07-15',
  'e-9,tobedeleted,2026-08-30T10:00:00Z,c-2,org-1,f3b1c2d4-0002,student,false,2026-09-01,2027-07-15',
].join('\r\n');

const files = (over: Partial<Record<'users' | 'classes' | 'enrollments', string>> = {}) => ({
  users: { name: 'users.csv', text: over.users ?? USERS },
  classes: { name: 'classes.csv', text: over.classes ?? CLASSES },
  enrollments: { name: 'enrollments.csv', text: over.enrollments ?? ENROLLMENTS },
});

describe('OneRoster 1.1 CSV', () => {
  it('tells the files apart by their headers, whatever they are called', () => {
    expect(oneRosterKind(USERS)).toBe('users');
    expect(oneRosterKind(`\uFEFF${CLASSES}`)).toBe('classes');
    expect(oneRosterKind(ENROLLMENTS)).toBe('enrollments');
    expect(oneRosterKind('Student ID,Name\nS1,Ann\n')).toBeNull();
    expect(oneRosterKind('sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n')).toBeNull(); // orgs.csv
  });

  it('makes students of students, with their sourcedId as student ID and their classes from enrollments', () => {
    const p = parseOneRoster(files());
    expect(p.rows.map((r) => [r.file, r.line, r.studentId, r.name, r.email, r.classes])).toEqual([
      ['users.csv', 2, 'f3b1c2d4-0001', 'Ada Lovelace', 'ada@school.example', ['Chemistry 9', 'Maths 9 (MA9-A)']],
      ['users.csv', 3, 'f3b1c2d4-0002', 'José Muñoz', null, ['Chemistry 9', 'Maths 9 (MA9-B)']],
    ]);
    expect(p.teachers).toEqual([{ name: 'Marie Curie', email: 'curie@school.example', classes: ['Chemistry 9'] }]);
    expect(p.emptyClasses).toEqual(['Art club']);
  });

  it('reports each broken row with its file and line, and keeps the rest', () => {
    const p = parseOneRoster(files());
    expect(p.problems.map((x) => [x.file, x.line, x.message])).toEqual([
      ['users.csv', 4, 'Email: Invalid email address'],
      ['users.csv', 9, 'sourcedId: letters, digits, ".", "_" and "-" only, starting with a letter or digit'],
      ['users.csv', 10, 'User f3b1c2d4-0001 already appears on line 2'],
      ['enrollments.csv', 7, 'Student f3b1c2d4-0003 has an error on users.csv line 4'],
      ['enrollments.csv', 8, 'No class c-9 in classes.csv'],
      ['enrollments.csv', 9, 'No student nobody in users.csv'],
    ]);
    expect(p.skipped.map((x) => [x.file, x.line, x.message])).toEqual([
      ['users.csv', 7, 'marked to be deleted'],
      ['users.csv', 8, 'Dis Abled: account disabled in the school system'],
      // Guardians are matched to students once every user is read.
      ['users.csv', 6, 'Anne Lovelace: a parent of no student in the file'],
      ['enrollments.csv', 10, 'marked to be deleted'],
    ]);
  });

  it('makes guardians of parents linked by agentSourcedIds on either side, and refuses an address with a line break', () => {
    const lines = USERS.split('\r\n');
    const users = [
      ...lines.slice(0, 2).map((l, i) => (i === 1 ? l.replace(',ada@school.example,,,,09,', ',ada@school.example,,,p-0002,09,') : l)),
      lines[2],
      'p-0002,active,2026-08-30T10:00:00Z,true,org-1,guardian,w.k,,William,King,,,william@home.example,+44 20 7946 0000,,,,',
      'p-0003,active,2026-08-30T10:00:00Z,true,org-1,parent,m.m,,María,Muñoz,,,maria@home.example,,,f3b1c2d4-0002,,',
      'p-0004,active,2026-08-30T10:00:00Z,true,org-1,relative,e.v,,Evil,Header,,,"x@home.example\nBcc: all@evil.example",,,f3b1c2d4-0002,,',
    ].join('\r\n');
    const p = parseOneRoster(files({ users }));
    const byId = new Map(p.rows.map((r) => [r.studentId, r.guardians]));
    expect(byId.get('f3b1c2d4-0001')).toMatchObject([
      { name: 'William King', relation: 'guardian', email: 'william@home.example', phone: '+44 20 7946 0000', sourceId: 'p-0002', mayContact: true },
    ]);
    expect(byId.get('f3b1c2d4-0002')).toMatchObject([{ name: 'María Muñoz', relation: 'parent', email: 'maria@home.example', sourceId: 'p-0003' }]);
    expect(p.problems.map((x) => [x.line, x.message])).toContainEqual([6, expect.stringMatching(/^Guardian Evil Header email: .*line breaks/)]);
  });

  it('refuses a file whose header lacks a column it needs, naming the file and the column', () => {
    const p = parseOneRoster(files({ enrollments: 'sourcedId,classSourcedId,role\ne-1,c-1,student\n' }));
    expect(p.rows).toEqual([]);
    expect(p.problems.map((x) => [x.file, x.line, x.message])).toEqual([['enrollments.csv', 1, 'The header lacks userSourcedId.']]);
  });

  it('reports a malformed row (a quote never closed) and reads the rows before it', () => {
    const users = `${USERS.split('\r\n').slice(0, 3).join('\r\n')}\r\nf3-9,active,,true,org-1,student,q,,"Unclosed,Quote,,,,,,,,,\r\n`;
    const p = parseOneRoster(files({ users }));
    expect(p.rows.map((r) => r.studentId)).toEqual(['f3b1c2d4-0001', 'f3b1c2d4-0002']);
    expect(p.problems[0]).toMatchObject({ file: 'users.csv', line: 4, message: expect.stringMatching(/^Malformed row/) });
  });
});

describe('choosing roster files', () => {
  const chosen = (name: string, text: string) => ({ name, text, encoding: 'UTF-8' });
  it('reads OneRoster files in any order and names the ones not used', () => {
    const p = readRosterFiles([chosen('e.csv', ENROLLMENTS), chosen('orgs.csv', 'sourcedId,name,type\n'), chosen('u.csv', USERS), chosen('c.csv', CLASSES)]);
    if ('error' in p) throw new Error(p.error);
    expect([p.format, p.files.map((f) => f.name), p.unused, p.rows.length]).toEqual(['OneRoster', ['u.csv', 'c.csv', 'e.csv'], ['orgs.csv'], 2]);
  });

  it('says which OneRoster file is missing, and reads a single roster CSV as before', () => {
    expect(readRosterFiles([chosen('users.csv', USERS), chosen('classes.csv', CLASSES)])).toEqual({
      error: 'OneRoster needs users.csv, classes.csv and enrollments.csv chosen together: enrollments.csv missing.',
    });
    expect(readRosterFiles([chosen('a.csv', 'id,name\nA,Ann\n'), chosen('b.csv', 'id,name\nB,Bob\n')])).toMatchObject({
      error: expect.stringMatching(/^Choose one roster CSV/),
    });
    const one = readRosterFiles([chosen('roster.csv', 'id,first name,surname\nA1,Ann,Lee\n')]);
    expect(one).toMatchObject({ format: 'roster CSV', rows: [{ studentId: 'A1', name: 'Ann Lee' }] });
  });
});
