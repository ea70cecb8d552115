// The timetable: weekly periods per class, the school's term dates and one-day cover teachers.
// Times of day are local wall-clock "HH:MM": a 09:00 period is at 09:00 in summer and in winter.
import { z } from 'zod';
import { check, FIXED_CHECK_TEXT } from './checks.ts';
import { Day, DisplayName, Uuid } from './common.ts';

/** 1 Monday … 7 Sunday (ISO 8601). */
export const Weekday = z.number().int().min(1).max(7);
export const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, FIXED_CHECK_TEXT['wall-time-format']);

/** Minutes since midnight of an "HH:MM" time of day. */
export const minutesOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const LateAfter = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const Period = z.object({
  id: Uuid,
  classId: Uuid,
  label: DisplayName(100),
  weekday: Weekday,
  startsAt: WallTime,
  endsAt: WallTime,
  lateAfterMinutes: z.number().int(),
});
export type Period = z.infer<typeof Period>;

export const CreatePeriodBody = z
  .strictObject({
    /** What the school calls it: "Period 2". */
    label: DisplayName(100),
    weekday: Weekday,
    startsAt: WallTime,
    endsAt: WallTime,
    lateAfterMinutes: LateAfter.default(10),
  })
  .refine((b) => minutesOfDay(b.endsAt) > minutesOfDay(b.startsAt), {
    message: 'A period must end after it starts (on the same day).',
    path: ['endsAt'],
    params: check('period-ends-before-start'),
  });
export type CreatePeriodBody = z.input<typeof CreatePeriodBody>;

export const Term = z.object({ id: Uuid, name: DisplayName(200), firstDay: Day, lastDay: Day });
export type Term = z.infer<typeof Term>;

export const CreateTermBody = z.strictObject({ name: DisplayName(200), firstDay: Day, lastDay: Day }).refine((b) => b.lastDay >= b.firstDay, {
  message: 'A term’s last day cannot come before its first day.',
  path: ['lastDay'],
  params: check('term-ends-before-start'),
});
export type CreateTermBody = z.input<typeof CreateTermBody>;

export const Cover = z.object({ id: Uuid, classId: Uuid, userId: Uuid, teacherName: z.string(), day: Day });
export type Cover = z.infer<typeof Cover>;

export const CreateCoverBody = z.strictObject({ userId: Uuid, day: Day });

export const TimetableQuery = z.strictObject({ classId: Uuid.optional() });

/** What a caller may see: the periods and covers of their classes (an admin: all), and every term. */
export const Timetable = z.object({ periods: z.array(Period), terms: z.array(Term), covers: z.array(Cover) });
export type Timetable = z.infer<typeof Timetable>;
