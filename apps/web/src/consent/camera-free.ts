// Whether a student is registered by hand (no camera), as the synced roster says, and the words
// for each consent status. Shared by the student pages, the Privacy page and the register.
import type { ConsentOnBehalfOf, ConsentStatus } from '@rollcall/contracts';

/** True for a student without usable consent: list them as "manual", never match or suggest them. */
export function isCameraFree(student: { cameraFree?: boolean | undefined }): boolean {
  // A row without the field predates consent (the cache is refetched on upgrade): assume no consent.
  return student.cameraFree !== false;
}

export const CONSENT_TEXT: Record<ConsentStatus, string> = {
  'not-asked': 'Not asked',
  granted: 'Granted',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
};

export const ON_BEHALF_TEXT: Record<ConsentOnBehalfOf, string> = {
  parent: 'Parent or guardian',
  student: 'The student',
};
