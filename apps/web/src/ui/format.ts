// How the app writes a moment, a time of day, a school day, a number or a list: in this device's
// zone and the app's language. Where the browser asks for a region of that language ("en-GB",
// "de-AT") its conventions are kept: the language is the app's choice, the region the person's.
import { formatLocale } from '../core/i18n.ts';

export function formatWhen(iso: string, precision: 'minutes' | 'seconds' = 'seconds'): string {
  return new Date(iso).toLocaleString(formatLocale(), { dateStyle: 'medium', timeStyle: precision === 'seconds' ? 'medium' : 'short' });
}

/** A school day (YYYY-MM-DD) as people say it: "Tue 10 Feb 2026". */
export function formatDay(day: string, style: 'short' | 'long' = 'short'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const options: Intl.DateTimeFormatOptions =
    style === 'short' ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : { weekday: 'long', day: 'numeric', month: 'long' };
  return new Date(y, m - 1, d).toLocaleDateString(formatLocale(), options);
}

/** A calendar date of a moment, "10 Feb 2026", in this device's zone. */
export function formatDate(at: string | number | Date): string {
  return new Date(at).toLocaleDateString(formatLocale(), { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Just the time of day of a moment, "09:05", in this device's zone. */
export function formatTime(at: string | number | Date): string {
  return new Date(at).toLocaleTimeString(formatLocale(), { hour: '2-digit', minute: '2-digit' });
}

/** A number in the language's digits and separators ("1,234.5", "1.234,5", "١٬٢٣٤٫٥"). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(formatLocale(), options).format(n);
}

/** A share (0..1) as a percentage: "93%", "93 %". */
export function formatPercent(share: number, digits = 0): string {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: digits });
}

/** Items joined as the language joins them: "Ann, Bo and Cy", "Ann, Bo und Cy". */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(formatLocale(), { style: 'long', type }).format(items);
}
