// The student's page names where a learned face came from: a paired laptop by its name, this browser as "this laptop".
import { describe, expect, it } from 'vitest';
import { provenanceText } from './learned-text.ts';

const at = '2026-12-03T10:00:00.000Z';
const day = new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

describe('provenanceText', () => {
  it("names a paired laptop, this laptop, a teacher's browser, or a laptop no longer paired: never an id", () => {
    const names = new Map([['d-1', 'Room 12']]);
    expect(provenanceText({ deviceId: 'd-1', how: 'clear-mark', sightedAt: at }, names, 'browser-aa')).toBe(
      `Learned from a clear recognition on laptop Room 12, ${day}`,
    );
    expect(provenanceText({ deviceId: 'browser-aa', how: 'clear-mark', sightedAt: at }, names, 'browser-aa')).toBe(
      `Learned from a clear recognition on this laptop, ${day}`,
    );
    expect(provenanceText({ deviceId: 'user:5f1c', how: 'clear-mark', sightedAt: at }, names, 'browser-aa')).toBe(
      `Learned from a clear recognition on a teacher's browser, ${day}`,
    );
    expect(provenanceText({ deviceId: 'd-gone', how: 'review-confirmed', sightedAt: at }, names, 'browser-aa')).toBe(
      `Learned from a recognition a teacher confirmed on a laptop no longer paired, ${day}`,
    );
  });
});
