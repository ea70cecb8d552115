// Words the UI shows for codes: quality gate reasons and API error codes. One place, so every
// screen says the same thing.
import type { QualityReason } from '@rollcall/face';
import { ApiClientError } from '../api/client.ts';

export const REASON_TEXT: Record<QualityReason, string> = {
  'no-face': 'No face found',
  'multiple-faces': 'More than one face',
  'face-too-small': 'Face too small',
  'too-blurry': 'Too blurry',
  'too-dark': 'Too dark',
  'too-bright': 'Too bright',
  'turned-too-far': 'Turned away',
  'low-detection-score': 'Face unclear',
  'looks-like-spoof': 'Looks like a spoof (photo of a photo or a screen)',
};

/** A plain sentence for a refused enrolment: who, why, and what to do instead. */
export function consentRequiredText(details: unknown): string {
  const d = (details ?? {}) as { studentId?: unknown; status?: unknown };
  const who = typeof d.studentId === 'string' ? d.studentId : 'This student';
  if (d.status === 'refused' || d.status === 'withdrawn') {
    return `${who}: consent to use their face was ${d.status}, so no photos were saved. Take their attendance by hand.`;
  }
  return `${who} has no recorded consent to use their face, so no photos were saved. Record consent on their page first, or take their attendance by hand.`;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiClientError) {
    if (err.code === 'network') return 'Cannot reach the server. Check the network and try again.';
    if (err.code === 'consent-required') return consentRequiredText(err.details);
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
