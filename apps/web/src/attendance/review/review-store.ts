// Faces waiting for review, kept on the device (IndexedDB) until a teacher confirms or dismisses
// them, so a reload or a crashed tab loses none. Rows read back are validated: one written by an
// older build, or damaged, is dropped rather than shown wrong. A row may keep the vectors a
// teacher's confirmation would teach from (ReviewRow.learn).
import { z } from 'zod';
import { DEFAULT_LEARN, type Sighting } from '@rollcall/recognition';
import type { RollcallDb, ReviewRow } from '../../local/db.ts';

const Row = z.object({
  id: z.string().min(1),
  sessionId: z.string().nullable(),
  classId: z.string().nullable(),
  createdAt: z.number(),
  thumbnail: z.string().startsWith('data:image/'),
  why: z.string(),
  candidates: z.array(z.object({ studentId: z.string().min(1), score: z.number() })).max(2),
  track: z.string().optional(),
  // Words only: damaged, the row is still shown with the general line.
  reasons: z.array(z.string()).optional().catch(undefined),
  // Damaged or from another build: the row is still shown, it only teaches nothing.
  learn: z
    .object({
      studentId: z.string().min(1),
      score: z.number(),
      runnerUp: z.number().nullable(),
      evidence: z.object({ counted: z.number().int().min(0), agreeing: z.number().int().min(0) }),
      frames: z.array(z.object({ embedding: z.instanceof(Float32Array), weight: z.number() })).max(DEFAULT_LEARN.perSighting),
    })
    .optional()
    .catch(undefined),
});

/** The recogniser's review item: what it saw, why it asks, and the top two by score. */
export interface FreshReview {
  thumbnail: string;
  why: string;
  candidates: { studentId: string; score: number }[];
  /** The recognition run and track (see ReviewRow.track). */
  track?: string;
  /** The liveness rule's reasons (see ReviewRow.reasons). */
  reasons?: string[];
  /** What a confirmation may teach (see ReviewRow.learn); null or absent when nothing. */
  learn?: Sighting | null;
}

export async function addReview(
  db: RollcallDb,
  item: FreshReview,
  where: { sessionId: string | null; classId: string | null },
  now = Date.now(),
): Promise<string> {
  const row: ReviewRow = {
    id: crypto.randomUUID(),
    ...where,
    createdAt: now,
    thumbnail: item.thumbnail,
    why: item.why,
    candidates: item.candidates.slice(0, 2),
    ...(item.track && { track: item.track }),
    ...(item.reasons?.length ? { reasons: item.reasons } : {}),
    ...(item.learn && { learn: item.learn }),
  };
  await db.reviews.put(row);
  return row.id;
}

/** The reviews of a session (or of the day's marks with no class), oldest first. */
export async function listReviews(db: RollcallDb, sessionId: string | null, classId: string | null): Promise<ReviewRow[]> {
  const rows = await db.reviews.orderBy('createdAt').toArray();
  return rows.flatMap((r) => {
    const parsed = Row.safeParse(r);
    if (!parsed.success) return [];
    const row = parsed.data;
    return row.sessionId === sessionId && (sessionId !== null || row.classId === classId) ? [row] : [];
  });
}

export const removeReview = (db: RollcallDb, id: string): Promise<void> => db.reviews.delete(id);

/**
 * A face that went to review for want of life and was marked once it moved: its own review row
 * (that run's track, that reason) is no longer a question for the teacher. Other rows stay, even
 * for the same student: an earlier photo of them held up to the camera is evidence to keep.
 */
export async function resolveReviews(db: RollcallDb, track: string, why: string): Promise<number> {
  return db.reviews.filter((r) => r.track === track && r.why === why).delete();
}
