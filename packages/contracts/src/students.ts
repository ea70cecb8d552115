// Students: the people a class roster is made of.
import { z } from 'zod';
import { NOTHING_TO_UPDATE } from './checks.ts';
import { DisplayName, Instant, Paging, StudentId } from './common.ts';
import { ConsentStatus } from './consent.ts';

const Name = DisplayName(200);
const Email = z.email().max(320);

export const Student = z.object({
  studentId: StudentId,
  name: z.string(),
  email: z.string().nullable(),
  embeddingCount: z.number().int(),
  /** Biometric consent as last recorded. */
  consent: ConsentStatus,
  /** Registered by hand only: never enrolled, matched or suggested (see cameraFreeFor). */
  cameraFree: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Student = z.infer<typeof Student>;

export const CreateStudentBody = z.strictObject({
  studentId: StudentId,
  name: Name,
  email: Email.nullable().optional(),
});
export type CreateStudentBody = z.infer<typeof CreateStudentBody>;

export const UpdateStudentBody = z
  .strictObject({ name: Name.optional(), email: Email.nullable().optional() })
  .refine((b) => b.name !== undefined || b.email !== undefined, NOTHING_TO_UPDATE);
export type UpdateStudentBody = z.infer<typeof UpdateStudentBody>;

export const StudentParams = z.strictObject({ studentId: StudentId });

export const ListStudentsQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  classId: z.uuid().optional(),
  ...Paging,
});

export const StudentPage = z.object({
  items: z.array(Student),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type StudentPage = z.infer<typeof StudentPage>;

export const DeleteStudentQuery = z.strictObject({
  /** Keep the student's attendance marks as school records; embeddings always go. */
  keepMarks: z.enum(['true', 'false']).default('false'),
});

export const DeletedStudent = z.object({
  studentId: StudentId,
  embeddingsDeleted: z.number().int(),
  marksDeleted: z.number().int(),
  marksKept: z.number().int(),
});
