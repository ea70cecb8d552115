// Attendance marks. A mark's id is a UUID made on the device when the mark is made: it is the
// idempotency key, so a device can resend a batch after any failure without marking twice.
import { z } from 'zod';
import { check } from './checks.ts';
import { Day, FreeText, Instant, Paging, StudentId, Uuid } from './common.ts';

/** session-end: the absent mark a student without one gets when the session is ended. */
export const MarkMethod = z.enum(['face', 'manual', 'session-end']);
export type MarkMethod = z.infer<typeof MarkMethod>;
export const MarkStatus = z.enum(['present', 'late', 'excused', 'absent']);
export type MarkStatus = z.infer<typeof MarkStatus>;
/** A student's place in a session's register: a stored mark's status, or no mark yet. */
export const RegisterStatus = z.enum(['not-seen', 'present', 'late', 'excused', 'absent']);
export type RegisterStatus = z.infer<typeof RegisterStatus>;

export const NewMark = z
  .strictObject({
    id: Uuid,
    studentId: StudentId,
    sessionId: Uuid.nullable().optional(),
    /** The sending browser's own label; a paired laptop's marks carry its registered name instead. */
    deviceId: FreeText(128).pipe(z.string().min(1)),
    markedAt: Instant,
    similarity: z.number().min(-1).max(1).nullable().optional(),
    method: MarkMethod,
    /**
     * Omit to let the server decide present or late from the session's late threshold. A manual
     * mark with a status sets the student's status in its session even if they have a mark there
     * (audited); 'not-seen' takes the student's mark back out of the session.
     */
    status: RegisterStatus.optional(),
    /** Why, for an excused student or a correction (kept with the mark and in its audit). */
    reason: FreeText(500).optional(),
  })
  .refine((m) => m.status !== 'not-seen' || (m.method === 'manual' && !!m.sessionId), {
    message: 'Only a mark made by hand within a session can take a student back to not seen.',
    path: ['status'],
    params: check('not-seen-needs-manual-session'),
  });
export type NewMark = z.infer<typeof NewMark>;

/** How far ahead of the server's clock a device's clock may run: laptops drift by minutes, not hours. */
export const MARK_CLOCK_SKEW_MS = 5 * 60_000;
/** How late a day mark (no session) of a laptop or teacher may arrive: an offline laptop over a long weekend or a week's trip. */
export const MARK_MAX_AGE_DAYS = 7;

export const PostMarksBody = z.strictObject({ marks: z.array(NewMark).min(1).max(500) });
export type PostMarksBody = z.infer<typeof PostMarksBody>;

/**
 * accepted: stored now. duplicate: not stored, and the device may forget it — `reason` says why
 * (already-received: this id was stored before; already-marked: the student has a mark in this
 * session; cooldown: marked within the cooldown). rejected: not stored, and resending won't help
 * (forbidden: the caller's classes do not include that session or student; time-out-of-range: its
 * markedAt is ahead of the server's clock by more than MARK_CLOCK_SKEW_MS, before its session
 * started, or, for a day mark by a laptop or teacher, older than MARK_MAX_AGE_DAYS). A manual mark with a
 * status that changed the student's existing mark in the session is accepted with that mark's id
 * as existingId.
 */
export const MarkResult = z.object({
  id: Uuid,
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.enum(['already-received', 'already-marked', 'cooldown', 'student-not-found', 'session-not-found', 'forbidden', 'time-out-of-range']).optional(),
  existingId: Uuid.optional(),
  markStatus: RegisterStatus.optional(),
});
export type MarkResult = z.infer<typeof MarkResult>;
export const PostMarksResult = z.object({ results: z.array(MarkResult) });
export type PostMarksResult = z.infer<typeof PostMarksResult>;

export const Mark = z.object({
  id: Uuid,
  studentId: StudentId,
  studentName: z.string().nullable(),
  sessionId: Uuid.nullable(),
  classId: Uuid.nullable(),
  deviceId: z.string(),
  markedAt: Instant,
  receivedAt: Instant,
  day: Day,
  similarity: z.number().nullable(),
  method: MarkMethod,
  status: MarkStatus,
  /** Why (an excused student's reason, or a correction's). */
  reason: z.string().nullable().optional(),
  /** Who made or last changed the mark: a teacher's name or a classroom laptop's. */
  markedBy: z.string().nullable().optional(),
});
export type Mark = z.infer<typeof Mark>;

export const ListMarksQuery = z.strictObject({
  from: Day.optional(),
  to: Day.optional(),
  classId: Uuid.optional(),
  sessionId: Uuid.optional(),
  studentId: StudentId.optional(),
  ...Paging,
});
export type ListMarksQuery = z.infer<typeof ListMarksQuery>;
export const MarkPage = z.object({ items: z.array(Mark), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const UpdateMarkBody = z.strictObject({ status: MarkStatus, reason: FreeText(500).optional() });
export const ClearMarksBody = z.strictObject({ reason: FreeText(500).optional() });
export const ClearedMarks = z.object({ deleted: z.number().int() });

export const AuditEntry = z.object({
  id: Uuid,
  markId: Uuid,
  action: z.enum(['update', 'delete']),
  before: z.unknown(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
  /** Who made the change: a teacher's name or a classroom laptop's (null: not known). */
  by: z.string().nullable().optional(),
  at: Instant,
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ items: z.array(AuditEntry) });

export const StatsQuery = z.strictObject({ from: Day, to: Day, classId: Uuid.optional() });
/**
 * One class's school day (classId null: every class that day added up), read from the registers
 * of its sessions. Only ended sessions count: each roster student is one place per ended session,
 * and no mark when a session ended is an absence. A session still running is reported apart.
 */
export const DailyStat = z.object({
  day: Day,
  classId: Uuid.nullable(),
  className: z.string().nullable(),
  /** Ended sessions that day. */
  sessions: z.number().int(),
  /** Places in those sessions' registers: roster students times ended sessions. */
  expected: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  /** Marked absent, or not seen when the session ended. */
  absent: z.number().int(),
  /** (present + late) / expected; null while no session of the day has ended. */
  rate: z.number().nullable(),
  /** Sessions still running that day: who is here so far, of the roster places; not counted above. */
  running: z.object({ sessions: z.number().int(), here: z.number().int(), total: z.number().int() }).nullable(),
  /** For a class's row: who was absent from at least one ended session, by name. */
  absentStudents: z.array(z.object({ studentId: StudentId, name: z.string() })).optional(),
});
export type DailyStat = z.infer<typeof DailyStat>;
export const StatsResult = z.object({ days: z.array(DailyStat) });
