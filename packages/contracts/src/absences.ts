// The office's follow-up of a day's absences: every student absent, or never seen, in that day's
// ended sessions without a reason yet, and explaining one in one step (the mark becomes excused,
// or stays absent with the reason when its code says the absence is unauthorised).
import { z } from 'zod';
import { FIXED_CHECK_TEXT } from './checks.ts';
import { Day, FreeText, Instant, StudentId, Uuid } from './common.ts';
import { Mark } from './attendance.ts';

export const AbsencesQuery = z.strictObject({ day: Day.optional() });

export const Absence = z.object({
  sessionId: Uuid,
  classId: Uuid,
  className: z.string(),
  /** The timetable period the session was started for ("Period 2"), if any. */
  period: z.string().nullable(),
  /** Who teaches the class, and anyone covering it that day. */
  teachers: z.array(z.string()),
  startsAt: Instant,
  endsAt: Instant,
  studentId: StudentId,
  name: z.string(),
  /** The absent mark to correct; null when the session ended on its clock with no mark made. */
  markId: Uuid.nullable(),
});
export type Absence = z.infer<typeof Absence>;

export const AbsenceList = z.object({
  day: Day,
  items: z.array(Absence),
  /** Sessions of that day still running: their absences are listed once they end. */
  runningSessions: z.number().int(),
});
export type AbsenceList = z.infer<typeof AbsenceList>;

export const ExplainAbsenceBody = z.strictObject({
  sessionId: Uuid,
  studentId: StudentId,
  /** A listed reason's label ("Illness") or the office's own words ("Mum rang: dentist at 10"). */
  reason: FreeText(500).pipe(z.string().min(1, FIXED_CHECK_TEXT['absence-reason-blank'])),
});
export type ExplainAbsenceBody = z.infer<typeof ExplainAbsenceBody>;
export const ExplainedAbsence = z.object({ mark: Mark });
