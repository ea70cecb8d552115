// Instants are stored as epoch milliseconds; a device's mark keeps its UTC offset so its local
// day and time survive the round trip.

export const toIso = (ms: number): string => new Date(ms).toISOString();

/** Minutes east of UTC written in an ISO 8601 instant ("Z" is 0). */
export function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The calendar day (YYYY-MM-DD) of an instant in the given offset. */
export function localDay(ms: number, offset: number): string {
  return new Date(ms + offset * 60_000).toISOString().slice(0, 10);
}

/** An instant written in the given offset, e.g. 2026-11-24T08:59:03.120+01:00. */
export function isoWithOffset(ms: number, offset: number): string {
  if (offset === 0) return toIso(ms);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The server's own offset now, for days of instants that came without one. */
export const serverOffset = (ms: number): number => -new Date(ms).getTimezoneOffset();
