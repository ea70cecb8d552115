// Instants are stored as epoch milliseconds; a device's mark keeps its UTC offset so its local
// day and time survive the round trip. The local-time rules themselves are shared with the web app.
import { isoWithOffset as withOffset, zoneOffset } from '@rollcall/contracts';

export { localDay, offsetMinutes } from '@rollcall/contracts';

export const toIso = (ms: number): string => new Date(ms).toISOString();

/** An instant written in the given offset, e.g. 2026-11-24T08:59:03.120+01:00 (UTC as "Z"). */
export const isoWithOffset = (ms: number, offset: number): string => (offset === 0 ? toIso(ms) : withOffset(ms, offset));

/** The server's own offset now, for days of instants that came without one. */
export const serverOffset = zoneOffset;
