// Local wall-clock time with its UTC offset, one definition for the web app and the API: a mark
// keeps the offset of the device that made it, so its school day survives the round trip.

const pad = (n: number) => String(n).padStart(2, '0');

/** Minutes east of UTC as "+01:00" / "-05:30". */
export function offsetSuffix(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Minutes east of UTC written in an ISO 8601 instant ("Z" is 0). */
export function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The offset of this machine's zone at an instant (the device's, or the server's for instants that came without one). */
export const zoneOffset = (ms: number): number => -new Date(ms).getTimezoneOffset();

/** The calendar day (YYYY-MM-DD) of an instant in the given offset. */
export function localDay(ms: number, offset: number): string {
  return new Date(ms + offset * 60_000).toISOString().slice(0, 10);
}

/** An instant written in the given offset, always with it, e.g. 2026-11-24T08:59:03.120+01:00. */
export function isoWithOffset(ms: number, offset: number): string {
  return `${new Date(ms + offset * 60_000).toISOString().slice(0, 23)}${offsetSuffix(offset)}`;
}

/** This machine's calendar day of a date, YYYY-MM-DD. */
export const deviceDay = (date: Date): string => localDay(date.getTime(), zoneOffset(date.getTime()));

/** This machine's wall clock with its offset: the time a mark carries. */
export const deviceIso = (date: Date): string => isoWithOffset(date.getTime(), zoneOffset(date.getTime()));
