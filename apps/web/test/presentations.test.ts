// Suspected presentations counted on the device (fake-indexeddb): per session, per day without
// one, concurrent notes not lost, kept across a reopen, a damaged value read as none.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RollcallDb } from '../src/local/db.ts';
import { notePresentations, presentationKey, readPresentations } from '../src/attendance/presentations.ts';

let n = 0;

describe('presentation count', () => {
  it('counts per session and per day, without losing concurrent notes, across a reopen', async () => {
    const name = `presentations-${++n}`;
    const db = new RollcallDb(name);
    await Promise.all([
      notePresentations(db, 'sess-1', 1),
      notePresentations(db, 'sess-1', 2),
      notePresentations(db, 'sess-2', 1),
      notePresentations(db, null, 1),
    ]);
    await notePresentations(db, 'sess-1', 0);
    db.close();
    const again = new RollcallDb(name);
    expect(await readPresentations(again, 'sess-1')).toBe(3);
    expect(await readPresentations(again, 'sess-2')).toBe(1);
    expect(await readPresentations(again, null)).toBe(1);
    expect(await readPresentations(again, 'sess-3')).toBe(0);
  });

  it('keys a day by the local date, and reads a damaged value as none', async () => {
    expect(presentationKey(null, new Date(2026, 0, 5, 8, 55))).toBe('presentations.day.2026-01-05');
    expect(presentationKey('s')).toBe('presentations.session.s');
    const db = new RollcallDb(`presentations-${++n}`);
    await db.meta.put({ key: presentationKey('x'), value: 'lots' });
    expect(await readPresentations(db, 'x')).toBe(0);
    await notePresentations(db, 'x', 2);
    expect(await readPresentations(db, 'x')).toBe(2);
  });

  it('takes back a face marked live after all, never below none', async () => {
    const db = new RollcallDb(`presentations-${++n}`);
    await notePresentations(db, 's', 2);
    await notePresentations(db, 's', -1);
    expect(await readPresentations(db, 's')).toBe(1);
    await notePresentations(db, 's', -3);
    expect(await readPresentations(db, 's')).toBe(0);
  });
});
