// Privacy: everything stored about one student (a subject-access request), and the retention
// setting after which old marks and their audit entries are purged.
import { ApiError } from '../../http/errors.ts';
import type { ServiceContext } from '../../shared/context.ts';
import { toIso } from '../../shared/time.ts';
import type { AttendanceService } from '../attendance/attendance.service.ts';
import type { ClassesService } from '../classes/classes.service.ts';
import type { ConsentService } from '../consent/consent.service.ts';
import type { EmbeddingsService } from '../embeddings/embeddings.service.ts';
import type { GuardianContactsService } from '../guardians/guardian-contacts.service.ts';
import type { NoticesService } from '../notices/notices.service.ts';
import type { StudentsService } from '../students/students.service.ts';
import type { SchoolSettingsService } from './school-settings.service.ts';
import { idsOf } from '../../shared/ids.ts';

/** The status and author recorded in an audit entry's copy of a mark. */
function snapshot(json: string): { status: string | null; markedBy: string | null } {
  const m = JSON.parse(json) as { status?: unknown; markedBy?: unknown };
  return { status: typeof m.status === 'string' ? m.status : null, markedBy: typeof m.markedBy === 'string' ? m.markedBy : null };
}

/** `retentionDefaultDays` is MARK_RETENTION_DAYS; an admin's setting in the database wins over it. */
export interface PrivacyDeps {
  attendance: AttendanceService;
  classes: ClassesService;
  consent: ConsentService;
  embeddings: EmbeddingsService;
  guardianContacts: GuardianContactsService;
  notices: NoticesService;
  settings: SchoolSettingsService;
  students: StudentsService;
}

export function privacyService(ctx: ServiceContext, retentionDefaultDays: number | null, deps: PrivacyDeps) {
  const { attendance, notices } = deps;
  return {
    async exportStudent(studentId: string) {
      const student = await deps.students.findStudent(ctx.db, studentId);
      if (!student) throw new ApiError('student-not-found', `No student with id ${studentId}.`);
      const classes = await deps.classes.classesOfStudent(ctx.db, studentId);
      const embeddings = await deps.embeddings.listForStudent(ctx.db, studentId);
      const marks = [];
      for (let offset = 0; ; offset += 500) {
        const page = await attendance.listMarks(ctx.db, { studentId, limit: 500, offset });
        marks.push(...page.items);
        if (page.items.length < 500) break;
      }
      const audit = await attendance.auditOfMarks(ctx.db, idsOf(marks));
      const entries = audit.map((a) => {
        const before = snapshot(a.before_json);
        return {
          markId: a.mark_id,
          action: a.action,
          from: before.status,
          to: a.after_json === null ? null : snapshot(a.after_json).status,
          by: a.actor_name,
          reason: a.reason,
          at: toIso(Number(a.at)),
          firstBy: before.markedBy,
        };
      });
      // A correction writes its author into markedBy: the mark as first made, kept in its oldest
      // audit entry, still says who marked the student.
      const firstBy = new Map<string, string | null>();
      for (const e of entries) if (!firstBy.has(e.markId)) firstBy.set(e.markId, e.firstBy);
      return {
        exportedAt: toIso(ctx.now()),
        student,
        classes,
        embeddings,
        consentHistory: await deps.consent.historyOf(ctx.db, studentId),
        guardians: await deps.guardianContacts.list(ctx.db, studentId),
        notices: await notices.listForStudent(studentId),
        marks: marks.map((m) => ({ ...m, firstMarkedBy: firstBy.has(m.id) ? firstBy.get(m.id)! : (m.markedBy ?? null) })),
        audit: entries.map(({ firstBy: _, ...e }) => e),
      };
    },

    /** Deletes marks made or received longer ago than the retention period, with all their audit entries; no-op when none is set. */
    async purge() {
      const retentionDays = await deps.settings.retentionDays(ctx.db, retentionDefaultDays);
      if (retentionDays === null) return { marksDeleted: 0, auditDeleted: 0, before: null };
      const before = ctx.now() - retentionDays * 86_400_000;
      const deleted = await ctx.db.transaction().execute(async (trx) => {
        const marks = await attendance.purgeBefore(trx, before);
        // A notice names the pupil and the guardian's address: it goes with the marks of its time.
        await notices.purgeBefore(trx, before);
        return marks;
      });
      return { ...deleted, before: toIso(before) };
    },
  };
}
