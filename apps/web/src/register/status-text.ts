// What each register status is called on screen and in exports: one place, so the register, the
// records and the CSV say the same words.
import type { MarkMethod, RegisterStatus } from '@rollcall/contracts';

export const STATUS_TEXT: Record<RegisterStatus, string> = {
  'not-seen': 'Not seen',
  present: 'Present',
  late: 'Late',
  excused: 'Excused',
  absent: 'Absent',
};

/** The verb in a button's accessible name: "Mark Ann Lee present", "Mark Ann Lee not seen". */
export const STATUS_VERB: Record<RegisterStatus, string> = {
  'not-seen': 'not seen',
  present: 'present',
  late: 'late',
  excused: 'excused',
  absent: 'absent',
};

export const METHOD_TEXT: Record<MarkMethod, string> = {
  face: 'Camera',
  manual: 'By hand',
  'session-end': 'Session ended',
};
