// The class register: every roster student's status in a session, ending a session (absent for
// whoever has no mark), and attendance rates per student over a date range.
import { z } from 'zod';
import { Day, Instant, StudentId, Uuid } from './common.ts';
import { MarkMethod, type MarkStatus, RegisterStatus } from './attendance.ts';
import { ClassSession } from './classes.ts';

export const RegisterRow = z.object({
  studentId: StudentId,
  name: z.string(),
  /** false: marked in this session but no longer (or never) on the class's roster. */
  onRoster: z.boolean(),
  status: RegisterStatus,
  markId: Uuid.nullable(),
  method: MarkMethod.nullable(),
  markedAt: Instant.nullable(),
  markedBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** Technical: the match's similarity and the device that sent the mark. */
  similarity: z.number().nullable(),
  deviceId: z.string().nullable(),
});
export type RegisterRow = z.infer<typeof RegisterRow>;

export const RegisterCounts = z.object({
  total: z.number().int(),
  /** present + late */
  here: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  absent: z.number().int(),
  notSeen: z.number().int(),
});
export type RegisterCounts = z.infer<typeof RegisterCounts>;

/** The counts of a register's rows, as the API and the page's offline view both give them: roster students only. */
export function countRegister(rows: readonly Pick<RegisterRow, 'status' | 'onRoster'>[]): RegisterCounts {
  const c: RegisterCounts = { total: 0, here: 0, present: 0, late: 0, excused: 0, absent: 0, notSeen: 0 };
  for (const r of rows) {
    if (!r.onRoster) continue;
    c.total++;
    if (r.status === 'not-seen') c.notSeen++;
    else c[r.status]++;
  }
  c.here = c.present + c.late;
  return c;
}

/** Where a session stands at `now`: only an ended session's register is final. */
export type SessionPhase = 'upcoming' | 'running' | 'ended';
export function sessionPhase(s: Pick<ClassSession, 'startsAt' | 'endsAt'>, now: number): SessionPhase {
  if (Date.parse(s.startsAt) > now) return 'upcoming';
  return s.endsAt !== null && Date.parse(s.endsAt) <= now ? 'ended' : 'running';
}

/** A roster student's status once the session has ended: not seen by then is absent. */
export const finalStatus = (status: RegisterStatus): MarkStatus => (status === 'not-seen' ? 'absent' : status);

export const Register = z.object({
  session: ClassSession,
  className: z.string(),
  rows: z.array(RegisterRow),
  counts: RegisterCounts,
});
export type Register = z.infer<typeof Register>;

/** The most classes one call for registers may name: a school's in one call, a district's in a few. */
export const MAX_REGISTER_CLASSES = 100;

/** Class ids as a comma-separated list, or a repeated key; a client's array travels as the list ("a,b"). */
const ClassIdList = z
  .union([z.string(), z.array(z.string())])
  .describe(`Class ids, comma-separated or the key repeated; with classId, at most ${MAX_REGISTER_CLASSES} classes`)
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')))
  .pipe(z.array(Uuid));

/**
 * One class (`classId`) or several (`classIds`), or both: the registers of every class named, at
 * most MAX_REGISTER_CLASSES of them. A class named twice counts, and answers, once.
 */
export const RegistersQuery = z
  .strictObject({ classId: Uuid.optional(), classIds: ClassIdList.optional(), from: Day, to: Day })
  .transform(({ classId, classIds, from, to }, ctx) => {
    const ids = [...new Set([...(classId === undefined ? [] : [classId]), ...(classIds ?? [])])];
    // zod's own issues, so every client words them in its person's language as it does a missing or long field.
    if (ids.length === 0) ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['classIds'] });
    else if (ids.length > MAX_REGISTER_CLASSES)
      ctx.addIssue({ code: 'too_big', origin: 'array', maximum: MAX_REGISTER_CLASSES, inclusive: true, input: ids, path: ['classIds'] });
    return { classIds: ids, from, to };
  });
export const RegisterList = z.object({ items: z.array(Register) });

export const EndSessionBody = z.strictObject({ endsAt: Instant.optional() });
export const EndedSession = z.object({
  session: ClassSession,
  /** How many roster students were marked absent now. */
  markedAbsent: z.number().int(),
});

export const RatesQuery = z.strictObject({
  from: Day,
  to: Day,
  classId: Uuid.optional(),
  /** Only students whose rate is under this (0.9: persistent absence). */
  below: z.coerce.number().min(0).max(1).optional(),
});
export const StudentRate = z.object({
  studentId: StudentId,
  name: z.string(),
  /** Ended sessions of the student's classes in the range (a running one counts once it ends). */
  sessions: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  absent: z.number().int(),
  /** (present + late) / sessions; excused counts as absence here, as persistent-absence rules do. null: no sessions. */
  rate: z.number().nullable(),
});
export type StudentRate = z.infer<typeof StudentRate>;
export const RatesResult = z.object({
  items: z.array(StudentRate),
  /** Sessions in the range still running: not counted in any rate until they end. */
  runningSessions: z.number().int(),
});
