// The consent rule every writer of face data checks: refused unless the student's consent allows it.
import { cameraFreeFor, isConsentStop } from '@rollcall/contracts';
import { ApiError } from '../../http/errors.ts';
import type { Executor } from '../../shared/context.ts';
import type { SchoolSettingsService } from '../privacy/school-settings.service.ts';
import type { StudentRowsService } from '../students/student-rows.service.ts';

/**
 * Refuses face data for a student whose consent does not allow it. Called inside the transaction
 * that adds the data, after the student's row is locked, so a withdrawal cannot slip between.
 */
export async function assertMayHoldFaceData(
  db: Executor,
  studentId: string,
  { settings, studentRows }: { settings: SchoolSettingsService; studentRows: StudentRowsService },
): Promise<void> {
  const status = (await studentRows.consentStatusesOf(db, [studentId])).get(studentId);
  if (!status) return; // the caller reports the unknown student
  if (!cameraFreeFor(status, await settings.consentRequired(db))) return;
  const why = isConsentStop(status)
    ? `consent was ${status}: face data may not be stored for this student; they are registered by hand`
    : "no biometric consent is recorded for this student; record it on the student's page (Privacy) first, or register them by hand";
  throw new ApiError('consent-required', `Student ${studentId}: ${why}.`, { studentId, status });
}
