// What each register status is called on screen and in exports: one place, so the register, the
// records and the CSV say the same words. The tables are getters: each read is in the language
// spoken at that moment, never the one the module was loaded in.
import type { MarkMethod, RegisterStatus } from '@rollcall/contracts';
import { FLAGGED_FACE_REASON } from '../core/marking.ts';
import { t } from '../core/i18n.ts';

export const STATUS_TEXT: Readonly<Record<RegisterStatus, string>> = {
  get 'not-seen'() {
    return t({ id: 'ui.status.notSeen', defaultMessage: 'Not seen' });
  },
  get present() {
    return t({ id: 'ui.status.present', defaultMessage: 'Present' });
  },
  get late() {
    return t({ id: 'ui.status.late', defaultMessage: 'Late' });
  },
  get excused() {
    return t({ id: 'ui.status.excused', defaultMessage: 'Excused' });
  },
  get absent() {
    return t({ id: 'ui.status.absent', defaultMessage: 'Absent' });
  },
};

export const METHOD_TEXT: Readonly<Record<MarkMethod, string>> = {
  get face() {
    return t({ id: 'ui.status.method.face', defaultMessage: 'Camera' });
  },
  get manual() {
    return t({ id: 'ui.status.method.manual', defaultMessage: 'By hand' });
  },
  get 'session-end'() {
    return t({ id: 'ui.status.method.sessionEnd', defaultMessage: 'Session ended' });
  },
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
  if (m.method === 'face')
    return isFlaggedFaceMark({ method: m.method, reason: m.reason ?? null })
      ? t({ id: 'ui.status.how.faceFlagged', defaultMessage: 'Camera (flagged)' })
      : t({ id: 'ui.status.how.faceStrong', defaultMessage: 'Camera (strong match)' });
  if (m.method === 'manual')
    return m.similarity === null ? METHOD_TEXT.manual : t({ id: 'ui.status.how.manualConfirmed', defaultMessage: 'By hand (camera suggestion confirmed)' });
  return METHOD_TEXT[m.method];
}

/** A mark's reason as a person reads it: the camera's own flag in the app's language, a person's words as they wrote them. */
export function reasonText(m: { method: MarkMethod | null; reason?: string | null | undefined }): string {
  if (isFlaggedFaceMark({ method: m.method, reason: m.reason ?? null }))
    return t({ id: 'ui.status.flaggedReason', defaultMessage: 'May have been a photo or a screen: check the student was here' });
  return m.reason ?? '';
}
