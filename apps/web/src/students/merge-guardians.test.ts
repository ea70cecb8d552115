// Importing the same roster again changes nothing; a guardian named again keeps their id (and so
// their notices); one added by hand on the student's page stays.
import type { Guardian } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { mergeGuardians } from './merge-guardians.ts';

const onFile = (over: Partial<Guardian>): Guardian => ({
  id: '00000000-0000-4000-8000-000000000001',
  studentId: 'S1',
  name: 'Mary Lee',
  relation: 'mother',
  email: 'mary@home.example',
  phone: null,
  language: 'en',
  mayContact: true,
  sourceId: null,
  ...over,
});
const fromFile = { name: 'Mary Lee', relation: 'mother', email: 'MARY@home.example', phone: null, language: 'en', mayContact: true, sourceId: null };

describe('merging guardians from a roster file', () => {
  it('adds every guardian to a student who has none', () => {
    expect(mergeGuardians([], [fromFile])).toEqual([fromFile]);
  });

  it('changes nothing when the file says what is on file', () => {
    expect(mergeGuardians([onFile({ email: 'mary@home.example' })], [{ ...fromFile, email: 'mary@home.example' }])).toBeNull();
  });

  it('updates a guardian named again in place, keeps one added by hand, and adds a new one', () => {
    const byHand = onFile({ id: '00000000-0000-4000-8000-000000000002', name: 'Aunt Jo', email: null, relation: 'aunt' });
    const merged = mergeGuardians(
      [onFile({}), byHand],
      [
        { ...fromFile, phone: '+44 20 7946 0001' },
        { name: 'Jürgen Lee', relation: null, email: 'juergen@home.example', phone: null, language: 'de', mayContact: true, sourceId: null },
      ],
    );
    expect(merged?.map((g) => [g.id ?? 'new', g.name, g.phone ?? null])).toEqual([
      ['00000000-0000-4000-8000-000000000001', 'Mary Lee', '+44 20 7946 0001'],
      ['00000000-0000-4000-8000-000000000002', 'Aunt Jo', null],
      ['new', 'Jürgen Lee', null],
    ]);
  });
});
