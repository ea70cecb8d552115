// Builds every service over one context: the composition root of the API's rules.
import type { ServiceContext } from './shared/context.ts';
import { attendanceService } from './features/attendance/attendance.service.ts';
import { statsService } from './features/attendance/stats.service.ts';
import { classesService } from './features/classes/classes.service.ts';
import { embeddingsService } from './features/embeddings/embeddings.service.ts';
import { sessionsService } from './features/sessions/sessions.service.ts';
import { studentsService } from './features/students/students.service.ts';
import { syncService } from './features/sync/sync.service.ts';
import { changesService } from './features/sync/changes.service.ts';
import { schoolSettingsService } from './features/privacy/school-settings.service.ts';
import { guardianContactsService } from './features/guardians/guardian-contacts.service.ts';
import { loginsService } from './features/auth/logins.service.ts';
import { languageService } from './features/users/language.service.ts';
import { eventsService } from './features/events/events.service.ts';
import { studentRowsService } from './features/students/student-rows.service.ts';
import { healthService } from './features/system/health.service.ts';
import { authService, type ThrottleLimits } from './features/auth/auth.service.ts';
import { devicesService, tokensService } from './features/devices/devices.service.ts';
import { consentService } from './features/consent/consent.service.ts';
import { privacyService } from './features/privacy/privacy.service.ts';
import { privacySettingsService } from './features/privacy/settings.service.ts';
import { ratesService } from './features/register/rates.service.ts';
import { registerService } from './features/register/register.service.ts';
import { usersService } from './features/users/users.service.ts';
import { timetableService } from './features/timetable/timetable.service.ts';
import type { NoticeChannel } from '@rollcall/contracts';
import { guardiansService } from './features/guardians/guardians.service.ts';
import { noticesService } from './features/notices/notices.service.ts';
import { absencesService } from './features/absences/absences.service.ts';
import { codesService } from './features/absences/codes.service.ts';

export interface ServiceOptions {
  retentionDays: number | null;
  throttle?: ThrottleLimits;
  /** Channels this server may send absence notices on (none: notices are not queued at all). */
  noticeChannels?: NoticeChannel[];
  /** Tells this instance's notice sender to look for due notices now. */
  wakeNotices?: () => void;
}

/**
 * A feature reaches another through its service, never its repository, so each service is given
 * the services it uses. Lower features are built first and no two services need each other: where
 * two features would, a small service holds what the lower ones need (student rows, school
 * settings, guardian contacts, logins, the change log, events).
 */
export function createServices(ctx: ServiceContext, opts: ServiceOptions) {
  const events = eventsService();
  const settings = schoolSettingsService();
  const studentRows = studentRowsService(ctx);
  const guardianContacts = guardianContactsService();
  const logins = loginsService();
  const changes = changesService(ctx, { events });
  const classes = classesService(ctx, { changes, studentRows });
  const tokens = tokensService(ctx);
  const devices = devicesService(ctx, { changes, classes });
  const users = usersService(ctx, { changes, classes, logins, tokens });
  const timetable = timetableService(ctx, { classes, users });
  const sessions = sessionsService(ctx, { classes, events, timetable });
  const attendance = attendanceService(ctx, { classes, events, sessions, studentRows });
  const embeddings = embeddingsService(ctx, { attendance, changes, classes, settings, studentRows });
  const consent = consentService(ctx, { changes, classes, embeddings, settings, studentRows, users });
  const students = studentsService(ctx, { attendance, changes, classes, embeddings, events, settings, studentRows });
  const notices = noticesService(ctx, opts.noticeChannels ?? [], { attendance, guardianContacts, sessions, settings, timetable });
  const stats = statsService(ctx);
  const register = registerService(ctx, { attendance, classes, events, sessions, studentRows }, notices.queueForSession);
  return {
    health: healthService(ctx),
    auth: authService(ctx, { changes, devices, timetable, tokens, users }, opts.throttle),
    users,
    language: languageService(ctx, { settings }),
    tokens,
    devices,
    privacy: privacyService(ctx, opts.retentionDays, { attendance, classes, consent, embeddings, guardianContacts, notices, settings, students }),
    privacySettings: privacySettingsService(ctx, opts.retentionDays, { changes, embeddings, studentRows, users }),
    consent,
    students,
    embeddings,
    classes,
    sessions,
    attendance,
    stats,
    sync: syncService(ctx, { classes, embeddings, students }),
    register,
    rates: ratesService(ctx, { stats }),
    timetable,
    notices,
    guardians: guardiansService(ctx, { classes, notices, studentRows }),
    wakeNotices: opts.wakeNotices ?? (() => {}),
    absences: absencesService(ctx, { attendance, classes, sessions, timetable, users }),
    codes: codesService(ctx, { attendance }),
    /** What the notice sender reads of other features when it checks and fills a notice. */
    noticeReads: { attendance, guardianContacts, settings },
  };
}
export type Services = ReturnType<typeof createServices>;
