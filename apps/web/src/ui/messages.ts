// Words the UI shows for codes: quality gate reasons and API error codes. One place, so every
// screen says the same thing, in the app's language: an API error is said from its code and
// details (the catalogue's sentence), never from the server's English text.
import type { QualityReason } from '@rollcall/face';
import { consentRequiredMessage, errorMessage, issueMessage, type IssueLike } from '@rollcall/i18n';
import { ApiClientError } from '../api/client.ts';
import { t, translator } from '../core/i18n.ts';

// Getters: each read is in the language spoken then, not the one this module was loaded in.
export const REASON_TEXT: Readonly<Record<QualityReason, string>> = {
  get 'no-face'() {
    return t({ id: 'ui.quality.noFace', defaultMessage: 'No face found' });
  },
  get 'multiple-faces'() {
    return t({ id: 'ui.quality.multipleFaces', defaultMessage: 'More than one face' });
  },
  get 'face-too-small'() {
    return t({ id: 'ui.quality.faceTooSmall', defaultMessage: 'Face too small' });
  },
  get 'too-blurry'() {
    return t({ id: 'ui.quality.tooBlurry', defaultMessage: 'Too blurry' });
  },
  get 'too-dark'() {
    return t({ id: 'ui.quality.tooDark', defaultMessage: 'Too dark' });
  },
  get 'too-bright'() {
    return t({ id: 'ui.quality.tooBright', defaultMessage: 'Too bright' });
  },
  get 'turned-too-far'() {
    return t({ id: 'ui.quality.turnedTooFar', defaultMessage: 'Turned away' });
  },
  get 'low-detection-score'() {
    return t({ id: 'ui.quality.lowDetectionScore', defaultMessage: 'Face unclear' });
  },
  get 'looks-like-spoof'() {
    return t({ id: 'ui.quality.looksLikeSpoof', defaultMessage: 'Looks like a spoof (photo of a photo or a screen)' });
  },
};

/** A plain sentence for a refused enrolment: who, why, and what to do instead. */
export function consentRequiredText(details: unknown): string {
  return consentRequiredMessage(translator(), details);
}

/** A validation issue (the contract's check, or zod's own) in the app's language. */
export function issueText(issue: IssueLike): string {
  return issueMessage(translator(), issue);
}

export function errorText(err: unknown): string {
  if (err instanceof ApiClientError) return errorMessage(translator(), err.code, err.details, err.status);
  if (err instanceof Error) return err.message;
  return String(err);
}
