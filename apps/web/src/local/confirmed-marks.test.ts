// The confirmed marks kept until a register asked for after them holds them: which answers count
// as the server holding the mark, the note written before the sender hears of the answer, and
// rows that no longer fit or are a day old dropped.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MarkResult, NewMark, PostMarksResult } from '@rollcall/contracts';
import type { MarkTransport } from '@rollcall/sync';
import { confirmationsOf, confirmedMarks, noteConfirmed, notingConfirmations } from './confirmed-marks.ts';
import { RollcallDb } from './db.ts';

let n = 0;
const freshDb = () => new RollcallDb(`confirmed-${++n}`);
const SESSION = '00000000-0000-4000-8000-000000000001';
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const mark = (i: number, over: Partial<NewMark> = {}): NewMark => ({
  id: id(i),
  studentId: `S${i}`,
  sessionId: SESSION,
  deviceId: 'd',
  markedAt: '2026-12-07T09:00:00.000Z',
  method: 'face',
  ...over,
});

describe('confirmationsOf', () => {
  it('keeps accepted marks with the status the server gave and the mark they changed, and marks it had already', () => {
    const marks = [mark(1), mark(2, { method: 'manual', status: 'excused' }), mark(3)];
    const results: MarkResult[] = [
      { id: id(1), status: 'accepted', markStatus: 'late' },
      { id: id(2), status: 'accepted', markStatus: 'excused', existingId: id(9) },
      { id: id(3), status: 'duplicate', reason: 'already-received', existingId: id(3) },
    ];
    expect(confirmationsOf(marks, results, 5)).toEqual([
      { mark: marks[0], status: 'late', markId: id(1), confirmedAt: 5 },
      { mark: marks[1], status: 'excused', markId: id(9), confirmedAt: 5 },
      { mark: marks[2], status: null, markId: id(3), confirmedAt: 5 },
    ]);
  });

  it('leaves out what changed nothing: a student marked already, the cooldown, a rejection, a day mark, a mark not answered', () => {
    const marks = [mark(1), mark(2), mark(3), mark(4, { sessionId: null }), mark(5)];
    const results: MarkResult[] = [
      { id: id(1), status: 'duplicate', reason: 'already-marked', existingId: id(8) },
      { id: id(2), status: 'rejected', reason: 'forbidden' },
      { id: id(3), status: 'duplicate', reason: 'cooldown', existingId: id(7) },
      { id: id(4), status: 'accepted', markStatus: 'present' },
    ];
    expect(confirmationsOf(marks, results, 5)).toEqual([]);
  });
});

describe('the confirmed marks kept', () => {
  it('are noted before the sender has the answer, and a note that cannot be written fails the batch', async () => {
    const db = freshDb();
    const answer: PostMarksResult = { results: [{ id: id(1), status: 'accepted', markStatus: 'present' }] };
    const transport: MarkTransport = { postMarks: () => Promise.resolve(answer) };
    const noting = notingConfirmations(transport, db, () => 42);
    expect(await noting.postMarks([mark(1)])).toBe(answer);
    expect(await confirmedMarks(db)).toEqual([{ mark: mark(1), status: 'present', markId: id(1), confirmedAt: 42 }]);
    db.close();
    await expect(noting.postMarks([mark(1)])).rejects.toThrow();
  });

  it('drop a row that no longer fits and a note a day old', async () => {
    const db = freshDb();
    const day = 24 * 60 * 60_000;
    const old = { mark: mark(1), status: 'present' as const, markId: id(1), confirmedAt: 1000 };
    await noteConfirmed(db, [old], 1000);
    await db.meta.put({ key: 'register.confirmed.broken', value: { mark: null } });
    expect(await confirmedMarks(db)).toEqual([old]);
    const fresh = { ...old, mark: mark(2), markId: id(2), confirmedAt: 1000 + day + 1 };
    await noteConfirmed(db, [fresh], fresh.confirmedAt);
    expect(await confirmedMarks(db)).toEqual([fresh]);
    expect(await db.meta.get('register.confirmed.broken')).toBeUndefined();
  });
});
