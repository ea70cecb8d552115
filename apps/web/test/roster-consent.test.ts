// Roster CSV import with a consent column, against the real API on both databases: the rows are
// parsed and imported by the web app's own modules; only the page's origin and the admin's
// credentials are supplied (the app runs on the API's origin with a session cookie).
import { describe, expect, it } from 'vitest';
import { dialects } from '../../api/test/context.ts';
import { importRoster } from '../src/students/import-roster.ts';
import { parseRosterCsv } from '../src/students/roster-csv.ts';
import { webApiAsAdmin } from './web-api.ts';

const CSV = [
  'Student ID,Name,Class,Consent,Consent by,Consent note',
  'C001,Ada Lovelace,7B,yes,parent,form 2026/1',
  'C002,Grace Hopper,7B,no,guardian,letter of 3 March',
  'C003,Alan Turing,7B,,,',
  'C004,Kurt Goedel,7B,withdrawn,student,asked in person',
  'C005,Bad Consent,7B,maybe,,',
].join('\n');

describe.each(dialects)('roster CSV with a consent column on %s', (dialect) => {
  const api = webApiAsAdmin(dialect);

  it('reads the consent cells, refuses an unknown word with its line, and records consent as it imports', async () => {
    const preview = parseRosterCsv(CSV);
    expect(preview.columns).toMatchObject({ consent: 'Consent', consentBy: 'Consent by', consentNote: 'Consent note' });
    expect(preview.problems.map((p) => [p.line, p.message])).toEqual([[6, 'Consent: "maybe" is not one of yes, no, withdrawn, or not asked']]);
    expect(preview.rows.map((r) => [r.studentId, r.consent?.status ?? null, r.consent?.onBehalfOf ?? null])).toEqual([
      ['C001', 'granted', 'parent'],
      ['C002', 'refused', 'parent'],
      ['C003', null, null],
      ['C004', 'withdrawn', 'student'],
    ]);

    const outcomes = await importRoster(preview.rows, () => {});
    expect(outcomes.map((o) => [o.studentId, o.outcome, o.consent ?? null])).toEqual([
      ['C001', 'created', 'recorded'],
      ['C002', 'created', 'recorded'],
      ['C003', 'created', null],
      ['C004', 'created', 'recorded'],
    ]);
    const student = async (id: string) => (await api().call('GET', `/api/students/${id}`)).body;
    expect(await student('C001')).toMatchObject({ consent: 'granted', cameraFree: false });
    expect(await student('C002')).toMatchObject({ consent: 'refused', cameraFree: true });
    expect(await student('C003')).toMatchObject({ consent: 'not-asked', cameraFree: true });
    const history = (await api().call('GET', '/api/students/C001/consent')).body.history;
    expect(history).toEqual([
      expect.objectContaining({ status: 'granted', onBehalfOf: 'parent', note: 'form 2026/1', recordedBy: expect.objectContaining({ name: 'Head Admin' }) }),
    ]);

    // Importing the same file again records nothing new.
    const again = await importRoster(preview.rows, () => {});
    expect(again.map((o) => [o.outcome, o.consent ?? null])).toEqual([
      ['exists', 'unchanged'],
      ['exists', 'unchanged'],
      ['exists', null],
      ['exists', 'unchanged'],
    ]);
    expect((await api().call('GET', '/api/students/C001/consent')).body.history).toHaveLength(1);
  });
});
