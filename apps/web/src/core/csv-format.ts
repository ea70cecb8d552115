// What makes a CSV file open well in a spreadsheet: the separator the user's locale expects
// (a comma-decimal locale's Excel splits on semicolons) and moments written as a wall-clock time
// Excel reads as a time ("2026-12-06 09:05"), with the zone ("UTC+01:00") in a column of its own.
import { offsetSuffix } from '@rollcall/contracts';

export type Separator = ',' | ';';

/** A comma where the locale writes 1.5, a semicolon where it writes 1,5 (Excel's list separator follows the decimal one). */
export function defaultSeparator(locale: string | undefined = typeof navigator === 'undefined' ? undefined : navigator.language): Separator {
  return new Intl.NumberFormat(locale).format(1.5).includes(',') ? ';' : ',';
}

/**
 * An offset in minutes east of UTC as "UTC+01:00" / "UTC-05:30": a bare "+01:00" would be read
 * by Excel as a formula (and neutralised with an apostrophe).
 */
export const offsetText = (minutes: number): string => `UTC${offsetSuffix(minutes)}`;

/** The wall-clock time of an instant at an offset, as Excel reads it: "2026-12-06 09:05" (or with seconds). */
export function wallClock(iso: string, offsetMinutes: number, precision: 'minutes' | 'seconds' = 'minutes'): string {
  const t = new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, precision === 'seconds' ? 19 : 16)}`;
}
