import { afterEach, describe, expect, it } from 'vitest';
import { speak } from '../core/i18n.ts';
import { formatDay, formatList, formatNumber, formatPercent, formatTime } from './format.ts';

afterEach(() => speak('en', {}));

describe('formatting follows the app language', () => {
  it('writes days, times, numbers and lists in English', () => {
    expect(formatDay('2026-02-10')).toBe('Tue, Feb 10, 2026');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatPercent(0.93)).toBe('93%');
    expect(formatList(['Ann', 'Bo', 'Cy'])).toBe('Ann, Bo, and Cy');
  });

  it('writes them in German once the app speaks German', () => {
    speak('de', {});
    expect(formatDay('2026-02-10')).toBe('Di., 10. Feb. 2026');
    expect(formatDay('2026-02-10', 'long')).toBe('Dienstag, 10. Februar');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatList(['Ann', 'Bo', 'Cy'])).toBe('Ann, Bo und Cy');
    expect(formatTime(new Date(2026, 1, 10, 9, 5))).toBe('09:05');
  });

  it('writes them in Arabic for Arabic', () => {
    speak('ar', {});
    expect(formatList(['أ', 'ب'])).toBe('أ وب');
    expect(formatDay('2026-02-10', 'long')).toMatch(/الثلاثاء/);
  });
});
