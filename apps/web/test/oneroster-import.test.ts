// OneRoster 1.1 import end to end against the real API on both databases: the three files read by
// the web app's own modules and written by its importer; students, classes and rosters checked
// through the API, a broken row reported without losing the others, and a second import of a
// later export changing nothing it already holds.
import { describe, expect, it } from 'vitest';
import { dialects } from '../../api/test/context.ts';
import { importRoster } from '../src/students/import-roster.ts';
import { readRosterFiles } from '../src/students/roster-files.ts';
import { webApiAsAdmin } from './web-api.ts';

const USERS = [
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
  'u-1001,active,2026-08-30T10:00:00Z,true,org-1,student,ada,,Ada,Lovelace,,1001,ada@school.example,,,,09,',
  'u-1002,active,2026-08-30T10:00:00Z,true,org-1,student,jose,,José,Muñoz,,1002,,,,,09,',
  'u-1003,active,2026-08-30T10:00:00Z,true,org-1,student,zoe,,Zoë,Ørsted,,1003,,,,,09,',
  'u-1004,active,2026-08-30T10:00:00Z,true,org-1,student,grace,,Grace,Hopper,,1004,not-an-email,,,,09,',
  't-1,active,2026-08-30T10:00:00Z,true,org-1,teacher,curie,,Marie,Curie,,,curie@school.example,,,,,',
].join('\n');
const CLASSES = [
  'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
  'c-1,active,2026-08-30T10:00:00Z,Chemistry 9,09,co-1,CH9,scheduled,Lab 2,org-1,term-1,Chemistry,,1',
  'c-2,active,2026-08-30T10:00:00Z,Maths 9,09,co-2,MA9,scheduled,R12,org-1,term-1,Maths,,2',
].join('\n');
const ENROLLMENTS = [
  'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
  'e-1,active,2026-08-30T10:00:00Z,c-1,org-1,u-1001,student,false,,',
  'e-2,active,2026-08-30T10:00:00Z,c-1,org-1,u-1002,student,false,,',
  'e-3,active,2026-08-30T10:00:00Z,c-2,org-1,u-1001,student,false,,',
  'e-4,active,2026-08-30T10:00:00Z,c-2,org-1,u-1003,student,false,,',
  'e-5,active,2026-08-30T10:00:00Z,c-1,org-1,t-1,teacher,true,,',
  'e-6,active,2026-08-30T10:00:00Z,c-2,org-1,u-1004,student,false,,',
].join('\n');
const file = (name: string, text: string) => ({ name, text, encoding: 'UTF-8' });

describe.each(dialects)('OneRoster import on %s', (dialect) => {
  const api = webApiAsAdmin(dialect);

  const rosters = async () => {
    const classes = (await api().call('GET', '/api/classes')).body.items as { id: string; name: string }[];
    const out: Record<string, string[]> = {};
    for (const c of classes) out[c.name] = ((await api().call('GET', `/api/classes/${c.id}/students`)).body.studentIds as string[]).sort();
    return out;
  };

  it('makes students, classes and rosters, reports the broken row, and imports a later export again without change', async () => {
    const preview = readRosterFiles([file('users.csv', USERS), file('classes.csv', CLASSES), file('enrollments.csv', ENROLLMENTS)]);
    if ('error' in preview) throw new Error(preview.error);
    expect(preview.problems.map((p) => `${p.file} ${p.line}: ${p.message}`)).toEqual([
      'users.csv 5: Email: Invalid email address',
      'enrollments.csv 7: Student u-1004 has an error on users.csv line 5',
    ]);
    expect(preview.teachers).toEqual([{ name: 'Marie Curie', email: 'curie@school.example', classes: ['Chemistry 9'] }]);

    const outcomes = await importRoster(preview.rows, () => {});
    expect(outcomes.map((o) => [o.file, o.line, o.studentId, o.outcome])).toEqual([
      ['users.csv', 2, 'u-1001', 'created'],
      ['users.csv', 3, 'u-1002', 'created'],
      ['users.csv', 4, 'u-1003', 'created'],
    ]);
    expect((await api().call('GET', '/api/students/u-1002')).body).toMatchObject({ name: 'José Muñoz', email: null });
    expect((await api().call('GET', '/api/students/u-1001')).body).toMatchObject({ name: 'Ada Lovelace', email: 'ada@school.example' });
    expect(await rosters()).toEqual({ 'Chemistry 9': ['u-1001', 'u-1002'], 'Maths 9': ['u-1001', 'u-1003'] });
    // Teachers are reported, not made into accounts.
    expect(((await api().call('GET', '/api/users')).body.items as { email: string }[]).map((u) => u.email)).not.toContain('curie@school.example');

    // A later export: Grace's email fixed and José moved into Maths as well. Nothing is duplicated.
    const later = readRosterFiles([
      file('users.csv', USERS.replace('not-an-email', 'grace@school.example')),
      file('classes.csv', CLASSES),
      file('enrollments.csv', `${ENROLLMENTS}\ne-7,active,2026-09-02T10:00:00Z,c-2,org-1,u-1002,student,false,,`),
    ]);
    if ('error' in later) throw new Error(later.error);
    expect(later.problems).toEqual([]);
    const again = await importRoster(later.rows, () => {});
    expect(again.map((o) => [o.studentId, o.outcome])).toEqual([
      ['u-1001', 'exists'],
      ['u-1002', 'exists'],
      ['u-1003', 'exists'],
      ['u-1004', 'created'],
    ]);
    expect(await rosters()).toEqual({ 'Chemistry 9': ['u-1001', 'u-1002'], 'Maths 9': ['u-1001', 'u-1002', 'u-1003', 'u-1004'] });
    expect((await api().call('GET', '/api/students?limit=500')).body.total).toBe(4);
  });
});
