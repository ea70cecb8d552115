// What the notices feature reads of other features: the absences, the session and term around
// them, the guardians to tell, and the school's notice policy.
import type { AttendanceService } from '../attendance/attendance.service.ts';
import type { GuardianContactsService } from '../guardians/guardian-contacts.service.ts';
import type { SchoolSettingsService } from '../privacy/school-settings.service.ts';
import type { SessionsService } from '../sessions/sessions.service.ts';
import type { TimetableService } from '../timetable/timetable.service.ts';

export interface NoticesDeps {
  attendance: AttendanceService;
  guardianContacts: GuardianContactsService;
  sessions: SessionsService;
  settings: SchoolSettingsService;
  timetable: TimetableService;
}
