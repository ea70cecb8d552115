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

export function errorText(err: unknown): string {
  if (err instanceof ApiClientError) {
    if (err.code === 'network') return 'Cannot reach the server. Check the network and try again.';
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
