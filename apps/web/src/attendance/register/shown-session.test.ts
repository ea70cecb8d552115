// Which session Take attendance shows: the running one, else today's last one kept on this laptop
// (its final register); a kept copy stands in for the running session only while it still runs.
import { describe, expect, it } from 'vitest';
import type { ClassSession, Register } from '@rollcall/contracts';
import { runningFromCopy, shownSessionId } from './shown-session.ts';

const now = new Date(2026, 11, 7, 9, 30);
const session = (over: Partial<ClassSession> = {}): ClassSession => ({
  id: '00000000-0000-4000-8000-000000000001',
  classId: '00000000-0000-4000-8000-0000000000c1',
  startsAt: new Date(2026, 11, 7, 8, 55).toISOString(),
  endsAt: null,
  lateAfterMinutes: 10,
  active: true,
  ...over,
});
const kept = (s: ClassSession) => ({
  register: { session: s, className: '8M', rows: [], counts: { total: 0, here: 0, present: 0, late: 0, excused: 0, absent: 0, notSeen: 0 } } as Register,
  savedAt: now.getTime() - 60_000,
  askedAt: now.getTime() - 61_000,
});

describe('runningFromCopy', () => {
  it('gives the kept session while it was running and has not reached its planned end', () => {
    expect(runningFromCopy(kept(session()), now)?.id).toBe(session().id);
    expect(runningFromCopy(kept(session({ endsAt: new Date(2026, 11, 7, 10).toISOString() })), now)).not.toBeNull();
  });
  it('gives nothing for an ended or overdue session, or no copy', () => {
    expect(runningFromCopy(kept(session({ active: false, endsAt: new Date(2026, 11, 7, 9).toISOString() })), now)).toBeNull();
    expect(runningFromCopy(kept(session({ endsAt: new Date(2026, 11, 7, 9).toISOString() })), now)).toBeNull();
    expect(runningFromCopy(null, now)).toBeNull();
  });
});

describe('shownSessionId', () => {
  const other = session({ id: '00000000-0000-4000-8000-000000000002' });
  it('shows the running session first', () => {
    expect(shownSessionId(other, kept(session()), now)).toBe(other.id);
  });
  it('keeps a session of today on screen once it ended', () => {
    expect(shownSessionId(null, kept(session({ active: false, endsAt: new Date(2026, 11, 7, 9, 20).toISOString() })), now)).toBe(session().id);
  });
  it('does not bring back a session of another day', () => {
    const yesterday = session({ startsAt: new Date(2026, 11, 6, 8, 55).toISOString(), active: false });
    expect(shownSessionId(null, kept(yesterday), now)).toBeNull();
    expect(shownSessionId(null, null, now)).toBeNull();
  });
});
