// The registers kept on the laptop: one per class, the latest wins, a copy that no longer fits
// the contract is not shown, and a wipe forgets them all.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Register } from '@rollcall/contracts';
import { RollcallDb } from './db.ts';
import { forgetKeptRegisters, keepRegister, keptRegister } from './kept-registers.ts';

let n = 0;
const freshDb = () => new RollcallDb(`kept-${++n}`);
const CLASS = '00000000-0000-4000-8000-0000000000c1';
const register = (here: number): Register => ({
  session: {
    id: '00000000-0000-4000-8000-000000000001',
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
    await keepRegister(db, register(1), 1000);
    await keepRegister(db, register(2), 2000);
    expect(await keptRegister(db, CLASS)).toEqual({ register: register(2), savedAt: 2000 });
  });

  it('drops a copy that no longer fits the contract', async () => {
    const db = freshDb();
    await db.meta.put({ key: `register.${CLASS}`, value: { register: { session: null }, savedAt: 1 } });
    expect(await keptRegister(db, CLASS)).toBeNull();
  });

  it('forgets every kept register and nothing else', async () => {
    const db = freshDb();
    await keepRegister(db, register(1));
    await db.meta.put({ key: 'settings', value: { backend: 'wasm' } });
    await forgetKeptRegisters(db);
    expect(await keptRegister(db, CLASS)).toBeNull();
    expect(await db.meta.get('settings')).toBeDefined();
  });
});
