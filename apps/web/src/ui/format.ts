// How the app writes a moment, a time of day or a school day: in this device's zone and locale.
export function formatWhen(iso: string, precision: 'minutes' | 'seconds' = 'seconds'): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: precision === 'seconds' ? 'medium' : 'short' });
}

/** A school day (YYYY-MM-DD) as people say it: "Tue 10 Feb 2026". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** Just the time of day of a moment, "09:05", in this device's zone. */
export function formatTime(at: string | number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
