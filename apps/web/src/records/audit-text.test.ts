// The correction trail in words: who changed which status to which, when and why; a removal; an
// author not recorded; and who first marked the student after later corrections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence, firstMarker } from './audit-text.ts';

describe('auditSentence', () => {
  const zone = process.env.TZ;
  beforeAll(() => void (process.env.TZ = 'Europe/London'));
  afterAll(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

  const at = '2026-12-06T09:12:00.000Z';
  const when = new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  it('says who changed what, in capitalised statuses, with the reason quoted', () => {
    expect(auditSentence({ action: 'update', before: { status: 'late' }, after: { status: 'present' }, reason: 'bus was late', by: 'Ms Okafor', at })).toBe(
      `Ms Okafor changed Late → Present at ${when} — “bus was late”`,
    );
    expect(when).toMatch(/\b0?9:12\b/);
  });

  it('says a removal and an author not recorded', () => {
    expect(auditSentence({ action: 'delete', before: { status: 'absent' }, after: null, reason: null, by: null, at })).toBe(
      `Someone (not recorded) removed the mark (Absent) at ${when}`,
    );
  });

  it('does not trust an unreadable copy of the mark', () => {
    expect(auditSentence({ action: 'update', before: { status: 'weird' }, after: null, reason: null, by: 'Room 12', at })).toBe(
      `Room 12 changed — → — at ${when}`,
    );
  });
});

describe('firstMarker', () => {
  it('reads who made the mark from the oldest change', () => {
    expect(firstMarker([{ before: { markedBy: 'Room 12' } }, { before: { markedBy: 'Ms Okafor' } }])).toBe('Room 12');
    expect(firstMarker([])).toBeNull();
    expect(firstMarker([{ before: { markedBy: null } }])).toBeNull();
  });
});
