// The registers kept on the laptop: one per class, the latest asked for wins, a copy that no longer
// fits the contract is not shown, keeping one forgets the confirmed marks it holds, and a wipe
// forgets them all.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Register } from '@rollcall/contracts';
import { RollcallDb } from './db.ts';
import { confirmedMarks, noteConfirmed, type ConfirmedMark } from './confirmed-marks.ts';
import { forgetKeptRegisters, keepRegister, keptRegister } from './kept-registers.ts';

let n = 0;
const freshDb = () => new RollcallDb(`kept-${++n}`);
const CLASS = '00000000-0000-4000-8000-0000000000c1';
const SESSION = '00000000-0000-4000-8000-000000000001';
const register = (here: number, session = SESSION): Register => ({
  session: {
    id: session,
    classId: CLASS,
    startsAt: '2026-12-07T08:55:00.000Z',
    endsAt: null,
    lateAfterMinutes: 10,
    active: true,
  },
  className: '8M',
  rows: [],
  counts: { total: 3, here, present: here, late: 0, excused: 0, absent: 0, notSeen: 3 - here },
});

describe('kept registers', () => {
  it('keeps the latest register of each class', async () => {
    const db = freshDb();
    expect(await keptRegister(db, CLASS)).toBeNull();
    await keepRegister(db, register(1), 900, 1000);
    await keepRegister(db, register(2), 1900, 2000);
    expect(await keptRegister(db, CLASS)).toEqual({ register: register(2), savedAt: 2000, askedAt: 1900 });
  });

  it('keeps a register asked for earlier than the kept one only when it is of another session', async () => {
    const db = freshDb();
    await keepRegister(db, register(2), 1900, 2000);
    await keepRegister(db, register(1), 900, 2100);
    expect((await keptRegister(db, CLASS))?.askedAt).toBe(1900);
    const next = register(0, '00000000-0000-4000-8000-000000000002');
    await keepRegister(db, next, 800, 2200);
    expect(await keptRegister(db, CLASS)).toEqual({ register: next, savedAt: 2200, askedAt: 800 });
  });

  it('reads a copy kept without the time it was asked for as asked for when saved', async () => {
    const db = freshDb();
    await db.meta.put({ key: `register.${CLASS}`, value: { register: register(1), savedAt: 1000 } });
    expect(await keptRegister(db, CLASS)).toEqual({ register: register(1), savedAt: 1000, askedAt: 1000 });
  });

  it('forgets the confirmed marks of its session that a register asked for after them holds', async () => {
    const db = freshDb();
    const confirmed = (id: string, confirmedAt: number, sessionId = SESSION): ConfirmedMark => ({
      mark: { id, studentId: 'S1', sessionId, deviceId: 'd', markedAt: '2026-12-07T09:00:00.000Z', method: 'face' },
      status: 'present',
      markId: id,
      confirmedAt,
    });
    const before = confirmed('00000000-0000-4000-8000-0000000000a1', 1000);
    const after = confirmed('00000000-0000-4000-8000-0000000000a2', 2000);
    const other = confirmed('00000000-0000-4000-8000-0000000000a3', 1000, '00000000-0000-4000-8000-000000000009');
    await noteConfirmed(db, [before, after, other], 2000);
    await keepRegister(db, register(1), 1500);
    expect(await confirmedMarks(db)).toEqual([other, after]);
    await forgetKeptRegisters(db);
    expect(await confirmedMarks(db)).toEqual([]);
  });

  it('drops a copy that no longer fits the contract', async () => {
    const db = freshDb();
    await db.meta.put({ key: `register.${CLASS}`, value: { register: { session: null }, savedAt: 1 } });
    expect(await keptRegister(db, CLASS)).toBeNull();
  });

  it('forgets every kept register and nothing else', async () => {
    const db = freshDb();
    await keepRegister(db, register(1), 1);
    await db.meta.put({ key: 'settings', value: { backend: 'wasm' } });
    await forgetKeptRegisters(db);
    expect(await keptRegister(db, CLASS)).toBeNull();
    expect(await db.meta.get('settings')).toBeDefined();
  });
});
