// Marks made on this device carry the device's wall clock with its offset (the school day is local).
import { describe, expect, it } from 'vitest';
import { localIso } from './marking.ts';

describe('marking', () => {
  it('writes the device time with its offset', () => {
    const iso = localIso(new Date('2026-11-24T08:00:00Z'));
    expect(Date.parse(iso)).toBe(Date.parse('2026-11-24T08:00:00Z'));
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });
});
