// How the records page writes a moment: the date and the time, in this device's zone and locale.
export function formatWhen(iso: string, precision: 'minutes' | 'seconds' = 'seconds'): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: precision === 'seconds' ? 'medium' : 'short' });
}
