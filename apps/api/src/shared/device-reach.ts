// How far back a classroom laptop may read marks, sessions and registers: enough for the lesson in
// front of it, not a class's history (a laptop left in a room is not a way into past registers). A
// laptop's "today" may be the server's yesterday in another time zone, so that day counts too.
import { ApiError } from '../http/errors.ts';
import { localDay, serverOffset } from './time.ts';

const DAY_MS = 24 * 60 * 60_000;

/** The earliest school day a laptop may read. */
export const earliestDeviceDay = (now: number): string => localDay(now - DAY_MS, serverOffset(now - DAY_MS));

/** Refuses a laptop's read that reaches before that day (or gives no first day at all). */
export function assertDeviceReach(firstDay: string | undefined, now: number): void {
  const earliest = earliestDeviceDay(now);
  if (firstDay !== undefined && firstDay >= earliest) return;
  throw new ApiError(
    'forbidden',
    `A classroom laptop sees only the latest lessons (from ${earliest} on): sign in with your own account to look further back.`,
    {
      earliest,
    },
  );
}
