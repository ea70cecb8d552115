// Guardians through the web app's own roster import against the real API on both databases: a
// roster CSV with guardian columns and a OneRoster export with parents linked by agentSourcedIds;
// importing the same files again changes nothing, and a guardian named again keeps their id.
import { describe, expect, it } from 'vitest';
import { dialects } from '../../api/test/context.ts';
import { importRoster } from '../src/students/import-roster.ts';
import { readRosterFiles } from '../src/students/roster-files.ts';
import { webApiAsAdmin } from './web-api.ts';

const file = (name: string, text: string) => ({ name, text, encoding: 'UTF-8' });

const CSV = [
  'Student ID,Name,Class,Guardian name,Guardian relationship,Guardian email,Guardian language,Guardian 2 name,Guardian 2 phone,Guardian 2 may contact',
  'R1,Ann Lee,7B,Mary Lee,mother,mary@home.example,en,Jürgen Lee,+49 30 1234567,no',
  'R2,Ben Ortiz,7B,Rosa Ortiz,mother,rosa@home.example,es,,,',
].join('\n');

const USERS = [
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
  'u-1,active,2026-08-30T10:00:00Z,true,org-1,student,ada,,Ada,Lovelace,,1,,,,p-1,09,',
  'p-1,active,2026-08-30T10:00:00Z,true,org-1,guardian,byron,,Anne,Byron,,,anne@home.example,,+44 20 7946 0000,u-1,,',
].join('\n');
const CLASSES = ['sourcedId,status,dateLastModified,title,classCode', 'c-1,active,2026-08-30T10:00:00Z,Maths 9,MA9'].join('\n');
const ENROLLMENTS = ['sourcedId,status,dateLastModified,classSourcedId,userSourcedId,role', 'e-1,active,2026-08-30T10:00:00Z,c-1,u-1,student'].join('\n');

describe.each(dialects)('guardians imported on %s', (dialect) => {
  const api = webApiAsAdmin(dialect);
  const guardians = async (id: string) => (await api().call('GET', `/api/students/${id}/guardians`)).body.items;

  it('saves the guardians of a roster CSV, and a second import of the same file changes nothing', async () => {
    const preview = readRosterFiles([file('roster.csv', CSV)]);
    if ('error' in preview) throw new Error(preview.error);
    expect(preview.problems).toEqual([]);
    const first = await importRoster(preview.rows, () => {});
    expect(first.map((o) => [o.studentId, o.outcome, o.guardians])).toEqual([
      ['R1', 'created', 'saved'],
      ['R2', 'created', 'saved'],
    ]);
    const saved = await guardians('R1');
    expect(saved).toMatchObject([
      { name: 'Mary Lee', relation: 'mother', email: 'mary@home.example', language: 'en', mayContact: true },
      { name: 'Jürgen Lee', phone: '+49 30 1234567', mayContact: false },
    ]);
    const again = await importRoster(preview.rows, () => {});
    expect(again.map((o) => [o.studentId, o.outcome, o.guardians])).toEqual([
      ['R1', 'exists', 'unchanged'],
      ['R2', 'exists', 'unchanged'],
    ]);
    expect((await guardians('R1')).map((g: { id: string }) => g.id)).toEqual(saved.map((g: { id: string }) => g.id));
  });

  it('links OneRoster guardians to their students, and a later export updates the same guardian', async () => {
    const read = (users: string) => {
      const p = readRosterFiles([file('users.csv', users), file('classes.csv', CLASSES), file('enrollments.csv', ENROLLMENTS)]);
      if ('error' in p) throw new Error(p.error);
      return p;
    };
    await importRoster(read(USERS).rows, () => {});
    const [anne] = await guardians('u-1');
    expect(anne).toMatchObject({ name: 'Anne Byron', relation: 'guardian', email: 'anne@home.example', sourceId: 'p-1' });
    const later = await importRoster(read(USERS.replace('anne@home.example', 'anne.byron@home.example')).rows, () => {});
    expect(later.map((o) => o.guardians)).toEqual(['saved']);
    expect(await guardians('u-1')).toEqual([{ ...anne, email: 'anne.byron@home.example' }]);
  });
});
