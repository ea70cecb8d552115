// Biometric consent: a student's face is enrolled and recognised only with consent recorded here
// (unless the school's policy says another lawful basis applies), and withdrawing it deletes the
// face data at once. Also the school's privacy settings, which an admin changes in the app.
import { z } from 'zod';
import { NOTHING_TO_UPDATE } from './checks.ts';
import { FreeText, Instant, StudentId, Uuid } from './common.ts';

export const CONSENT_STATUSES = ['not-asked', 'granted', 'refused', 'withdrawn'] as const;
export const ConsentStatus = z.enum(CONSENT_STATUSES);
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** Who gave or refused it: a parent or guardian, or the student themselves. */
export const ConsentOnBehalfOf = z.enum(['parent', 'student']);
export type ConsentOnBehalfOf = z.infer<typeof ConsentOnBehalfOf>;

/** Refused and withdrawn mean "stop": face data is deleted and none may be added, whatever the policy. */
export const isConsentStop = (s: ConsentStatus): boolean => s === 'refused' || s === 'withdrawn';

/**
 * Whether a student must be registered by hand (never by the camera): consent refused or
 * withdrawn, or not granted while the school requires consent. The API computes it for each
 * student with the school's policy, so a device needs nothing else to decide.
 */
export function cameraFreeFor(status: ConsentStatus, consentRequired: boolean): boolean {
  return isConsentStop(status) || (consentRequired && status !== 'granted');
}

const Note = FreeText(500);

export const ConsentChange = z.strictObject({
  status: ConsentStatus,
  onBehalfOf: ConsentOnBehalfOf.nullable().optional(),
  /** A note, or the reference of the paper form ("form 2025/114, in the office file"). */
  note: Note.nullable().optional(),
});
export type ConsentChange = z.infer<typeof ConsentChange>;

export const ConsentRecord = z.object({
  id: Uuid,
  studentId: StudentId,
  status: ConsentStatus,
  onBehalfOf: ConsentOnBehalfOf.nullable(),
  note: z.string().nullable(),
  recordedBy: z.object({ id: Uuid.nullable(), name: z.string() }),
  /** Face embeddings deleted by this change (withdrawal or refusal). */
  embeddingsDeleted: z.number().int(),
  at: Instant,
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const StudentConsent = z.object({
  studentId: StudentId,
  status: ConsentStatus,
  cameraFree: z.boolean(),
  /** Newest first. */
  history: z.array(ConsentRecord),
});
export type StudentConsent = z.infer<typeof StudentConsent>;

export const BulkConsentBody = z.strictObject({
  entries: z
    .array(ConsentChange.extend({ studentId: StudentId }))
    .min(1)
    .max(500),
});
export type BulkConsentBody = z.infer<typeof BulkConsentBody>;

export const BulkConsentResult = z.object({
  results: z.array(
    z.object({
      studentId: StudentId,
      outcome: z.enum(['recorded', 'unchanged', 'not-found']),
      status: ConsentStatus.nullable(),
      embeddingsDeleted: z.number().int(),
    }),
  ),
});
export type BulkConsentResult = z.infer<typeof BulkConsentResult>;

export const ConsentCounts = z.object({
  'not-asked': z.number().int(),
  granted: z.number().int(),
  refused: z.number().int(),
  withdrawn: z.number().int(),
});
export type ConsentCounts = z.infer<typeof ConsentCounts>;

export const ConsentReportQuery = z.strictObject({ classId: Uuid.optional() });

/** Counts for the school and each class; with classId, that class's students one by one (printable). */
export const ConsentReport = z.object({
  counts: ConsentCounts,
  classes: z.array(z.object({ id: Uuid, name: z.string(), counts: ConsentCounts })),
  students: z.array(
    z.object({
      studentId: StudentId,
      name: z.string(),
      status: ConsentStatus,
      cameraFree: z.boolean(),
      onBehalfOf: ConsentOnBehalfOf.nullable(),
      note: z.string().nullable(),
      recordedAt: Instant.nullable(),
    }),
  ),
});
export type ConsentReport = z.infer<typeof ConsentReport>;

export const SettingsChange = z.object({
  key: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  by: z.object({ id: Uuid.nullable(), name: z.string() }),
  at: Instant,
});

export const PrivacySettings = z.object({
  /** On (the default): no face data without granted consent. */
  consentRequired: z.boolean(),
  /** Marks older than this many days are purged; null keeps them. */
  retentionDays: z.number().int().nullable(),
  /** What the server's MARK_RETENTION_DAYS says; used while no admin has set a value. */
  retentionDefaultDays: z.number().int().nullable(),
  retentionFromDefault: z.boolean(),
  /** The latest changes of these settings, newest first (the audit). */
  history: z.array(SettingsChange),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const UpdatePrivacySettingsBody = z
  .strictObject({
    consentRequired: z.boolean().optional(),
    /** A number of days, or null to keep marks for ever. */
    retentionDays: z.number().int().min(1).max(36_500).nullable().optional(),
  })
  .refine((b) => b.consentRequired !== undefined || b.retentionDays !== undefined, NOTHING_TO_UPDATE);
export type UpdatePrivacySettingsBody = z.infer<typeof UpdatePrivacySettingsBody>;
