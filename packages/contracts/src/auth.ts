// Accounts, sign-in, personal tokens for the CLI, and classroom device tokens.
import { z } from 'zod';
import { DisplayName, Instant, StudentId, Uuid } from './common.ts';
import { Mark } from './attendance.ts';
import { ConsentRecord } from './consent.ts';
import { Embedding } from './embeddings.ts';
import { Student } from './students.ts';
import { check, FIXED_CHECK_TEXT, NOTHING_TO_UPDATE } from './checks.ts';
import { weakPasswordCode, weakPasswordReason } from './weak-passwords.ts';
import { Guardian, Notice } from './guardians.ts';
import { Language } from './language.ts';

export const Role = z.enum(['admin', 'teacher']);
export type Role = z.infer<typeof Role>;

const Email = z
  .email()
  .max(320)
  .transform((e) => e.toLowerCase());
/** Long passphrases welcome; 10 characters at least, since the hash is the last line of defence; never a common one. */
const Password = z
  .string()
  .min(10, FIXED_CHECK_TEXT['password-too-short'])
  .max(200)
  .superRefine((p, ctx) => {
    const why = weakPasswordCode(p);
    if (why) ctx.addIssue({ code: 'custom', message: `The password ${weakPasswordReason(p)}.`, params: check('password-weak', { reason: why }) });
  });
const PersonName = DisplayName(200);

export const User = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  classIds: z.array(Uuid),
  disabled: z.boolean(),
  createdAt: Instant,
  /** The language this person chose for themselves; null follows the device, browser and school. */
  language: Language.nullable(),
});
export type User = z.infer<typeof User>;

export const SignInBody = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export const SignedIn = z.object({ user: User, expiresAt: Instant });

export const SetupStatus = z.object({ needsAdmin: z.boolean() });
export const SetupBody = z.strictObject({ email: Email, name: PersonName, password: Password });

export const Me = z.object({
  actor: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), user: User }),
    z.object({ kind: z.literal('device'), device: z.object({ id: Uuid, name: z.string(), classIds: z.array(Uuid) }) }),
  ]),
  /** The school's default language (null: none chosen), used where neither person nor browser says. */
  schoolLanguage: Language.nullable(),
});
export type Me = z.infer<typeof Me>;

export const CreateUserBody = z.strictObject({ email: Email, name: PersonName, role: Role, password: Password, classIds: z.array(Uuid).max(200).optional() });
export const UpdateUserBody = z
  .strictObject({
    name: PersonName.optional(),
    role: Role.optional(),
    password: Password.optional(),
    disabled: z.boolean().optional(),
    classIds: z.array(Uuid).max(200).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, NOTHING_TO_UPDATE);
export const UserList = z.object({ items: z.array(User) });

export const TokenInfo = z.object({ id: Uuid, name: z.string(), createdAt: Instant, lastUsedAt: Instant.nullable() });
export const CreateTokenBody = z.strictObject({ name: DisplayName(100) });
/** The token itself is shown once, at creation; the server keeps only its hash. */
export const TokenCreated = z.object({ token: z.string(), info: TokenInfo });
export const TokenList = z.object({ items: z.array(TokenInfo) });

export const Device = z.object({
  id: Uuid,
  name: z.string(),
  classIds: z.array(Uuid),
  createdAt: Instant,
  lastSeenAt: Instant.nullable(),
  revoked: z.boolean(),
  /** Who registered it (null once that account is gone). A device a teacher registered reaches only the classes that teacher still teaches. */
  createdBy: z.object({ id: Uuid, name: z.string() }).nullable(),
});
export type Device = z.infer<typeof Device>;
export const CreateDeviceBody = z.strictObject({ name: DisplayName(100), classIds: z.array(Uuid).min(1).max(50) });
/** A laptop's new name or classes (at least one, as at registration): its next pull brings the classes it serves now. */
export const UpdateDeviceBody = CreateDeviceBody.partial().refine((b) => Object.keys(b).length > 0, NOTHING_TO_UPDATE);
/** Letters and digits a teacher cannot misread (no 0/O, 1/I/L). */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
/** A pairing code as typed: case, spaces and dashes do not matter ("abcd-efgh" = "ABCDEFGH"). */
export const PairingCode = z
  .string()
  .max(40)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${PAIRING_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`), FIXED_CHECK_TEXT['pairing-code-format']));
/** The short code typed on the laptop instead of the token, valid once and for a few minutes. */
export const Pairing = z.object({ code: z.string(), expiresAt: Instant });
export const DeviceCreated = z.object({ token: z.string(), pairing: Pairing, device: Device });
export const PairDeviceBody = z.strictObject({ code: PairingCode });
export const DevicePaired = z.object({ device: z.object({ id: Uuid, name: z.string(), classIds: z.array(Uuid) }) });
export const DeviceList = z.object({ items: z.array(Device) });

/** Everything stored about one student, for a subject-access request. */
export const StudentExport = z.object({
  exportedAt: Instant,
  student: Student,
  classes: z.array(z.object({ id: Uuid, name: z.string() })),
  embeddings: z.array(Embedding),
  /** Every recorded change of biometric consent, oldest first. */
  consentHistory: z.array(ConsentRecord),
  /** Who is told of the student's absences, and every notice sent to them. */
  guardians: z.array(Guardian),
  notices: z.array(Notice),
  /** firstMarkedBy: who made the mark, kept when a later correction changed markedBy. */
  marks: z.array(Mark.extend({ firstMarkedBy: z.string().nullable() })),
  /** Every change to the student's marks, oldest first: who changed which status to which. */
  audit: z.array(
    z.object({
      markId: Uuid,
      action: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      by: z.string().nullable(),
      reason: z.string().nullable(),
      at: Instant,
    }),
  ),
});
export const StudentExportParams = z.strictObject({ studentId: StudentId });

export const ClassTeachersBody = z.strictObject({ userIds: z.array(Uuid).max(100) });
export const ClassTeachers = z.object({ classId: Uuid, userIds: z.array(Uuid) });

export const PurgeResult = z.object({ marksDeleted: z.number().int(), auditDeleted: z.number().int(), before: z.string().nullable() });
