// What each register status is called on screen and in exports: one place, so the register, the
// records and the CSV say the same words.
import type { MarkMethod, RegisterStatus } from '@rollcall/contracts';
import { FLAGGED_FACE_REASON } from '../core/marking.ts';

export const STATUS_TEXT: Record<RegisterStatus, string> = {
  'not-seen': 'Not seen',
  present: 'Present',
  late: 'Late',
  excused: 'Excused',
  absent: 'Absent',
};

/** The verb in a button's accessible name: "Mark Ann Lee present", "Mark Ann Lee not seen". */
export const STATUS_VERB: Record<RegisterStatus, string> = {
  'not-seen': 'not seen',
  present: 'present',
  late: 'late',
  excused: 'excused',
  absent: 'absent',
};

export const METHOD_TEXT: Record<MarkMethod, string> = {
  face: 'Camera',
  manual: 'By hand',
  'session-end': 'Session ended',
};

/**
 * A camera mark made in doubt: the camera marked the student although the face may have been a
 * photo or a screen (the school chose to mark and flag such faces), and said so in the reason. A
 * correction's own note on a camera mark is not a flag, hence the exact words.
 */
export const isFlaggedFaceMark = (r: { method: MarkMethod | null; reason: string | null }): boolean => r.method === 'face' && r.reason === FLAGGED_FACE_REASON;

/**
 * How a mark was made, in the words a teacher uses: "Camera (strong match)", "By hand". A camera
 * mark only exists once the match cleared the school's threshold and margin, hence "strong"; the
 * number itself stays in the technical columns.
 */
export function howMarked(m: { method: MarkMethod; similarity: number | null; reason?: string | null | undefined }): string {
  if (m.method === 'face') return isFlaggedFaceMark({ method: m.method, reason: m.reason ?? null }) ? 'Camera (flagged)' : 'Camera (strong match)';
  if (m.method === 'manual') return m.similarity === null ? 'By hand' : 'By hand (camera suggestion confirmed)';
  return METHOD_TEXT[m.method];
}
