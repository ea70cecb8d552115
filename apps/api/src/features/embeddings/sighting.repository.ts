// SQL for the evidence behind a learned embedding: the caller's own accepted mark of the student
// at the moment the face was seen. Read only; the marks themselves belong to attendance.
import type { Executor } from '../../shared/context.ts';

export interface SightingWindow {
  studentId: string;
  /** The user's or device token's id, as stored in marked_by. */
  markedBy: string;
  /** marked_at between these (epoch ms). */
  from: number;
  to: number;
  /** Received by the server at or after this. */
  receivedSince: number;
}

/**
 * The ways the caller marked the student present or late within the window: 'face' for a camera
 * mark, 'manual' for a hand mark carrying a score (a teacher confirming a review item offered by name).
 */
export async function sightingMarks(db: Executor, w: SightingWindow): Promise<Set<'face' | 'manual'>> {
  const rows = await db
    .selectFrom('attendance_marks')
    .select('method')
    .distinct()
    .where('student_id', '=', w.studentId)
    .where('marked_by', '=', w.markedBy)
    .where('marked_at', '>=', w.from)
    .where('marked_at', '<=', w.to)
    .where('received_at', '>=', w.receivedSince)
    .where('status', 'in', ['present', 'late'])
    .where((eb) => eb.or([eb('method', '=', 'face'), eb.and([eb('method', '=', 'manual'), eb('similarity', 'is not', null)])]))
    .execute();
  return new Set(rows.map((r) => (r.method === 'face' ? 'face' : 'manual')));
}
