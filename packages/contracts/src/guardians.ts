// Guardians of a student and the notices of unexplained absences sent to them, with the school's
// notice policy and templates. Addresses are refused at input when they could smuggle a header.
import { z } from 'zod';
import { check, FIXED_CHECK_TEXT } from './checks.ts';
import { Language } from './language.ts';
import { DisplayName, FreeText, Instant, Uuid } from './common.ts';
import { WallTime } from './timetable.ts';

/** Line breaks, other controls or angle brackets in an address could add a header (Bcc:) or a second recipient. */
const HEADER_UNSAFE = /[\p{Cc}\p{Zl}\p{Zp}<>,;"]/u;

export const GuardianEmail = z
  .string()
  .max(320)
  .refine((v) => !HEADER_UNSAFE.test(v), {
    message: 'An email address may not contain line breaks, control characters, quotes, commas, semicolons or angle brackets.',
    params: check('email-header-unsafe'),
  })
  .pipe(z.email(FIXED_CHECK_TEXT['email-format']));

export const GuardianPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{2,30}$/, FIXED_CHECK_TEXT['phone-format']);

export const GuardianInput = z.strictObject({
  /** Kept when editing an existing guardian, so the notices sent to them stay theirs. */
  id: Uuid.optional(),
  name: DisplayName(200),
  relation: FreeText(100).nullable().optional(),
  email: GuardianEmail.nullable().optional(),
  phone: GuardianPhone.nullable().optional(),
  /** Picks the notice template; none: the school's default language. */
  language: Language.nullable().optional(),
  mayContact: z.boolean().default(true),
  /** The guardian's id in the school's information system (OneRoster sourcedId). */
  sourceId: z.string().trim().min(1).max(255).nullable().optional(),
});
export type GuardianInput = z.input<typeof GuardianInput>;

export const Guardian = z.object({
  id: Uuid,
  studentId: z.string(),
  name: z.string(),
  relation: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.string().nullable(),
  mayContact: z.boolean(),
  sourceId: z.string().nullable(),
});
export type Guardian = z.infer<typeof Guardian>;

/** The whole list, in order: guardians not named (by id) are removed. */
export const SetGuardiansBody = z.strictObject({ guardians: z.array(GuardianInput).max(10) });
export type SetGuardiansBody = z.input<typeof SetGuardiansBody>;

export const GuardianList = z.object({ items: z.array(Guardian) });
export type GuardianList = z.infer<typeof GuardianList>;

export const NoticeChannel = z.enum(['email', 'sms']);
export type NoticeChannel = z.infer<typeof NoticeChannel>;
export const NoticeState = z.enum(['pending', 'sent', 'cancelled', 'failed']);

export const Notice = z.object({
  id: Uuid,
  markId: z.string(),
  guardianId: z.string(),
  channel: NoticeChannel,
  recipient: z.string(),
  language: z.string(),
  day: z.string(),
  state: NoticeState,
  sendAfter: Instant,
  attempts: z.number().int(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  /** The server's answer when accepted, the error when not, or why it was cancelled. */
  result: z.string().nullable(),
  sentAt: Instant.nullable(),
  createdAt: Instant,
});
export type Notice = z.infer<typeof Notice>;

export const NoticeList = z.object({ items: z.array(Notice) });
export type NoticeList = z.infer<typeof NoticeList>;

/**
 * When a notice goes: after the first unexplained absence of a day (when its session ends), after
 * the day (at dayEndsAt), or only once a student has `threshold` unexplained absences in the term.
 * Whichever: one notice per student, guardian and day.
 */
export const NoticeTrigger = z.enum(['first-period', 'day', 'term-threshold']);
export type NoticeTrigger = z.infer<typeof NoticeTrigger>;

/** The placeholders a template may use; values are plain text, one line each. */
export const NOTICE_PLACEHOLDERS = ['student', 'class', 'period', 'date', 'guardian'] as const;

export const NoticeTemplate = z.strictObject({
  language: Language,
  subject: FreeText(300).pipe(z.string().min(1)),
  body: z.string().trim().min(1).max(5000),
});
export type NoticeTemplate = z.infer<typeof NoticeTemplate>;

export const NoticeSettings = z.object({
  trigger: NoticeTrigger,
  threshold: z.number().int(),
  /** Minutes after the session ends before a notice goes: time for a reason to arrive and cancel it. */
  delayMinutes: z.number().int(),
  dayEndsAt: z.string(),
  defaultLanguage: z.string(),
  templates: z.array(NoticeTemplate.extend({ custom: z.boolean() })),
  /** Which channels the server is configured to send on (SMTP_HOST, NOTICE_SMS_WEBHOOK_URL). */
  channels: z.array(NoticeChannel),
});
export type NoticeSettings = z.infer<typeof NoticeSettings>;

export const UpdateNoticeSettingsBody = z.strictObject({
  trigger: NoticeTrigger.optional(),
  threshold: z.number().int().min(1).max(200).optional(),
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  dayEndsAt: WallTime.optional(),
  defaultLanguage: Language.optional(),
  /** Templates to store (replacing that language's); `reset` drops the school's wording for these languages. */
  templates: z.array(NoticeTemplate).max(50).optional(),
  reset: z.array(Language).max(50).optional(),
});
export type UpdateNoticeSettingsBody = z.input<typeof UpdateNoticeSettingsBody>;
