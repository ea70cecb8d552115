// Batches decided one after another against one ledger get what they would have got had each
// come alone, after the ones before it were written.
import type { NewMark } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../sessions/sessions.service.ts';
import { ALL } from '../../shared/actor.ts';
import { byStudent, decideBatch, type Ledger, type Seen } from './decide-marks.ts';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const session: SessionRow = {
  id: 'sess-1',
  class_id: 'class-1',
  starts_at: NOW - 3_600_000,
  ends_at: NOW - 600_000,
  late_after_minutes: 10,
  day: '2026-11-23',
  created_at: NOW - 3_600_000,
  period_id: null,
};

function ledger(seen: Seen[]): Ledger {
  return {
    receivedAt: NOW,
    cooldownMs: 60_000,
    known: new Set(['S1', 'S2']),
    sessions: new Map([[session.id, session]]),
    rosterPairs: new Set(['class-1/S1', 'class-1/S2']),
    seen: byStudent(seen),
    received: new Set(),
    rows: [],
    changes: [],
  };
}

let n = 0;
const mark = (studentId: string, over: Partial<NewMark> = {}): NewMark => ({
  id: `m${++n}`,
  studentId,
  deviceId: 'laptop',
  markedAt: new Date(NOW - 3_000_000).toISOString(),
  method: 'face',
  similarity: 0.9,
  sessionId: session.id,
  ...over,
});

const posting = (marks: NewMark[]) => ({ marks, scope: ALL, actor: null, by: null });
const absent: Seen = { id: 'absent-1', student_id: 'S1', session_id: session.id, marked_at: NOW - 600_000, method: 'session-end' };

describe('decideBatch', () => {
  it('lets a late sighting replace the automatic absent once: a later batch finds the student marked', () => {
    const l = ledger([{ ...absent }]);
    const first = mark('S1');
    expect(decideBatch(l, posting([first]))).toEqual([{ id: first.id, status: 'accepted', existingId: 'absent-1', markStatus: 'present' }]);
    const second = mark('S1');
    expect(decideBatch(l, posting([second]))).toEqual([{ id: second.id, status: 'duplicate', reason: 'already-marked', existingId: 'absent-1' }]);
    expect(l.changes.map((c) => c.changeId)).toEqual([first.id]);
  });

  it('within one batch decides against what the transaction read, as a lone batch always has', () => {
    const l = ledger([{ ...absent }]);
    const [a, b] = [mark('S1'), mark('S1')];
    expect(decideBatch(l, posting([a, b])).map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('frees the id of a refused mark for a later batch, and knows the id of a stored one', () => {
    const l = ledger([]);
    const ghost = mark('S9', { id: 'same-id' });
    expect(decideBatch(l, posting([ghost]))).toEqual([{ id: 'same-id', status: 'rejected', reason: 'student-not-found' }]);
    const real = mark('S2', { id: 'same-id' });
    expect(decideBatch(l, posting([real]))).toEqual([{ id: 'same-id', status: 'accepted', markStatus: 'present' }]);
    expect(decideBatch(l, posting([real]))).toEqual([{ id: 'same-id', status: 'duplicate', reason: 'already-received', existingId: 'same-id' }]);
    expect(l.rows.map((r) => r.id)).toEqual(['same-id']);
  });

  it('takes a taken-back mark out for the batches after it', () => {
    const stored: Seen = { id: 'face-1', student_id: 'S2', session_id: session.id, marked_at: NOW - 3_000_000, method: 'face' };
    const l = ledger([stored]);
    const takeBack = mark('S2', { method: 'manual', status: 'not-seen' });
    expect(decideBatch(l, posting([takeBack]))[0]).toMatchObject({ status: 'accepted', existingId: 'face-1', markStatus: 'not-seen' });
    const again = mark('S2');
    expect(decideBatch(l, posting([again]))).toEqual([{ id: again.id, status: 'accepted', markStatus: 'present' }]);
  });
});
