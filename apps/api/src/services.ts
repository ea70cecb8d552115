// Builds every service over one context: the composition root of the API's rules.
import type { ServiceContext } from './shared/context.ts';
import { attendanceService } from './features/attendance/attendance.service.ts';
import { statsService } from './features/attendance/stats.service.ts';
import { classesService } from './features/classes/classes.service.ts';
import { embeddingsService } from './features/embeddings/embeddings.service.ts';
import { sessionsService } from './features/sessions/sessions.service.ts';
import { studentsService } from './features/students/students.service.ts';
import { syncService } from './features/sync/sync.service.ts';
import { healthService } from './features/system/health.service.ts';

export function createServices(ctx: ServiceContext) {
  return {
    health: healthService(ctx),
    students: studentsService(ctx),
    embeddings: embeddingsService(ctx),
    classes: classesService(ctx),
    sessions: sessionsService(ctx),
    attendance: attendanceService(ctx),
    stats: statsService(ctx),
    sync: syncService(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
