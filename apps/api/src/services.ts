// Builds every service over one context: the composition root of the API's rules.
import type { ServiceContext } from './shared/context.ts';
import { attendanceService } from './features/attendance/attendance.service.ts';
import { statsService } from './features/attendance/stats.service.ts';
import { classesService } from './features/classes/classes.service.ts';
import { embeddingsService } from './features/embeddings/embeddings.service.ts';
import { sessionsService } from './features/sessions/sessions.service.ts';
import { studentsService } from './features/students/students.service.ts';
import { syncService } from './features/sync/sync.service.ts';
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
 * the services it uses; lower features are built first, and no two services need each other.
 */
export function createServices(ctx: ServiceContext, opts: ServiceOptions) {
  const events = eventsService();
  const studentRows = studentRowsService(ctx);
  const classes = classesService(ctx, { studentRows });
  const users = usersService(ctx);
  const timetable = timetableService(ctx, { classes, users });
  const sessions = sessionsService(ctx, { classes, events, timetable });
  const attendance = attendanceService(ctx, { classes, events, sessions, studentRows, users });
  const notices = noticesService(ctx, opts.noticeChannels ?? []);
  const register = registerService(ctx, { attendance, classes, events, sessions, studentRows }, notices.queueForSession);
  return {
    health: healthService(ctx),
    auth: authService(ctx, opts.throttle),
    users,
    tokens: tokensService(ctx),
    devices: devicesService(ctx),
    privacy: privacyService(ctx, opts.retentionDays),
    privacySettings: privacySettingsService(ctx, opts.retentionDays),
    consent: consentService(ctx),
    students: studentsService(ctx),
    embeddings: embeddingsService(ctx),
    classes,
    sessions,
    attendance,
    stats: statsService(ctx, { registers: register }),
    sync: syncService(ctx),
    register,
    rates: ratesService(ctx, { registers: register }),
    timetable,
    notices,
    guardians: guardiansService(ctx, notices.listForStudent),
    wakeNotices: opts.wakeNotices ?? (() => {}),
    absences: absencesService(ctx, attendance),
    codes: codesService(ctx, { attendance }),
  };
}
export type Services = ReturnType<typeof createServices>;
