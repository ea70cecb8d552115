// The page's counting sentence, for today and another day, one and many.
import { describe, expect, it } from 'vitest';
import { absencesHeadline, runningText } from './absence-text.ts';

describe('absencesHeadline', () => {
  it('counts in plain words', () => {
    expect(absencesHeadline(3, '2026-12-07', '2026-12-07')).toBe('3 absences to explain today');
    expect(absencesHeadline(1, '2026-12-07', '2026-12-07')).toBe('1 absence to explain today');
    expect(absencesHeadline(0, '2026-12-07', '2026-12-07')).toBe('Nothing left to explain today.');
    expect(absencesHeadline(2, '2026-12-04', '2026-12-07')).toMatch(/^2 absences to explain on .*4/);
  });
  it('says why running sessions are not listed', () => {
    expect(runningText(0)).toBe('');
    expect(runningText(1)).toBe('1 session is still running: its absences appear here when it ends.');
    expect(runningText(2)).toContain('their absences appear here when they end');
  });
});
