// Whether a student is registered by hand (no camera), as the synced roster says, and the words
// for each consent status. Shared by the student pages, the Privacy page and the register.
import type { ConsentOnBehalfOf, ConsentStatus } from '@rollcall/contracts';
import { t } from './i18n.ts';

/** True for a student without usable consent: list them as "manual", never match or suggest them. */
export function isCameraFree(student: { cameraFree?: boolean | undefined }): boolean {
  // A row without the field predates consent (the cache is refetched on upgrade): assume no consent.
  return student.cameraFree !== false;
}

/**
 * The students the camera may recognise: the class roster (or, with no class, every student this
 * device knows) without the camera-free ones. The recognition core matches and suggests only
 * within it, so a student without consent is never marked or offered for review, even while
 * their face data is still on its way out of this device's cache.
 */
export function faceRoster(
  roster: ReadonlySet<string> | null,
  students: readonly { studentId: string; cameraFree?: boolean | undefined }[],
): ReadonlySet<string> {
  const out = new Set<string>();
  for (const s of students) if ((!roster || roster.has(s.studentId)) && !isCameraFree(s)) out.add(s.studentId);
  return out;
}

// Getters: each read is in the language spoken then, not the one this module was loaded in.
export const CONSENT_TEXT: Readonly<Record<ConsentStatus, string>> = {
  get 'not-asked'() {
    return t({ id: 'core.consent.notAsked', defaultMessage: 'Not asked' });
  },
  get granted() {
    return t({ id: 'core.consent.granted', defaultMessage: 'Granted' });
  },
  get refused() {
    return t({ id: 'core.consent.refused', defaultMessage: 'Refused' });
  },
  get withdrawn() {
    return t({ id: 'core.consent.withdrawn', defaultMessage: 'Withdrawn' });
  },
};

export const ON_BEHALF_TEXT: Readonly<Record<ConsentOnBehalfOf, string>> = {
  get parent() {
    return t({ id: 'core.consent.onBehalf.parent', defaultMessage: 'Parent or guardian' });
  },
  get student() {
    return t({ id: 'core.consent.onBehalf.student', defaultMessage: 'The student' });
  },
};
