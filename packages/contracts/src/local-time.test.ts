// Local times keep their offset: the day and the wall clock are those of the zone that wrote them.
import { describe, expect, it } from 'vitest';
import { deviceDay, deviceIso, isoWithOffset, localDay, offsetMinutes, offsetSuffix } from './local-time.ts';

describe('local time', () => {
  it('writes and reads offsets', () => {
    expect(offsetSuffix(60)).toBe('+01:00');
    expect(offsetSuffix(-330)).toBe('-05:30');
    expect(offsetMinutes('2026-11-24T08:59:03.120+01:00')).toBe(60);
    expect(offsetMinutes('2026-11-24T08:59:03.120-0530')).toBe(-330);
    expect(offsetMinutes('2026-11-24T08:59:03.120Z')).toBe(0);
  });

  it('gives the day and the wall clock at an offset', () => {
    const ms = Date.parse('2026-11-24T23:30:00Z');
    expect(localDay(ms, 60)).toBe('2026-11-25');
    expect(isoWithOffset(ms, 60)).toBe('2026-11-25T00:30:00.000+01:00');
    expect(isoWithOffset(ms, 0)).toBe('2026-11-24T23:30:00.000+00:00');
  });

  it("reads this machine's zone", () => {
    expect(deviceDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    const iso = deviceIso(new Date('2026-11-24T08:00:00Z'));
    expect(Date.parse(iso)).toBe(Date.parse('2026-11-24T08:00:00Z'));
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  });
});
