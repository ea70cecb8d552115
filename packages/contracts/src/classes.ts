// Classes, their rosters and their sessions (one meeting of a class).
import { z } from 'zod';
import { NOTHING_TO_UPDATE } from './checks.ts';
import { DisplayName, Instant, StudentId, Uuid } from './common.ts';

const ClassName = DisplayName(200);

export const Class = z.object({
  id: Uuid,
  name: ClassName,
  studentCount: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Class = z.infer<typeof Class>;

export const CreateClassBody = z.strictObject({ name: ClassName, studentIds: z.array(StudentId).max(2000).optional() });
export const UpdateClassBody = z.strictObject({ name: ClassName });
export const ClassList = z.object({ items: z.array(Class) });

export const RosterBody = z.strictObject({ studentIds: z.array(StudentId).max(2000) });
export type RosterBody = z.infer<typeof RosterBody>;
export const Roster = z.object({ classId: Uuid, studentIds: z.array(StudentId) });
export const RosterMemberParams = z.strictObject({ id: Uuid, studentId: StudentId });

export const ClassSession = z.object({
  id: Uuid,
  classId: Uuid,
  startsAt: Instant,
  endsAt: Instant.nullable(),
  lateAfterMinutes: z.number().int(),
  active: z.boolean(),
  /** The timetable period it was started for, if any. */
  periodId: Uuid.nullable().optional(),
});
export type ClassSession = z.infer<typeof ClassSession>;

export const CreateSessionBody = z.strictObject({
  startsAt: Instant.optional(),
  endsAt: Instant.nullable().optional(),
  /** The timetable period this session is for: a second start of it that day answers with the first session. */
  periodId: Uuid.optional(),
  /** Arrivals this many minutes after the start are marked late. */
  lateAfterMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(10),
});
export const UpdateSessionBody = z
  .strictObject({
    startsAt: Instant.optional(),
    endsAt: Instant.nullable().optional(),
    lateAfterMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, NOTHING_TO_UPDATE);
export const SessionList = z.object({ items: z.array(ClassSession) });
export const CurrentSession = z.object({ session: ClassSession.nullable() });
export const ListSessionsQuery = z.strictObject({ from: Instant.optional(), to: Instant.optional() });
