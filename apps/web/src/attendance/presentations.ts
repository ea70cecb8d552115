// Suspected presentations (a photo or a screen held up to the camera) counted on this device per
// session (or per day without one): the core sends them to review, this count tells the teacher
// how often it happened, even after the review items are dismissed.
import { deviceDay } from '@rollcall/contracts';
import { getMeta, setMeta, type RollcallDb } from '../local/db.ts';
import { useLive } from '../local/live.ts';

/** The meta key of a session's count; without a session, today's (local date). */
export function presentationKey(sessionId: string | null, now = new Date()): string {
  return `presentations.${sessionId ? `session.${sessionId}` : `day.${deviceDay(now)}`}`;
}

const readCount = async (db: RollcallDb, key: string): Promise<number> => {
  const v = await getMeta<unknown>(db, key, 0);
  // A hand-edited or corrupt value counts as none rather than breaking the page.
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
};

/**
 * Adds `n` suspected presentations to the session's count (one transaction: two loops cannot lose
 * one); a negative `n` takes back faces that were marked after all, as live people, never below 0.
 */
export async function notePresentations(db: RollcallDb, sessionId: string | null, n: number): Promise<void> {
  if (n === 0) return;
  const key = presentationKey(sessionId);
  await db.transaction('rw', db.meta, async () => setMeta(db, key, Math.max(0, (await readCount(db, key)) + n)));
}

export function readPresentations(db: RollcallDb, sessionId: string | null): Promise<number> {
  return readCount(db, presentationKey(sessionId));
}

/** The count, live: it rises while the camera runs. */
export function usePresentationCount(db: RollcallDb, sessionId: string | null): number {
  return useLive(() => readPresentations(db, sessionId), [db, sessionId], 0);
}
