// The column names the records tables share, so a word like "Absent" is translated once and every
// table (and the stacked small-screen layout, which shows them beside each cell) says the same.
import { t } from '../core/i18n.ts';

/** Read at render time: the names follow the current language. */
export function columnNames() {
  return {
    absent: t({ id: 'records.column.absent', defaultMessage: 'Absent' }),
    attendance: t({ id: 'records.column.attendance', defaultMessage: 'Attendance' }),
    code: t({ id: 'records.column.code', defaultMessage: 'Code' }),
    entries: t({ id: 'records.column.entries', defaultMessage: 'Entries' }),
    excused: t({ id: 'records.column.excused', defaultMessage: 'Excused' }),
    howMarked: t({ id: 'records.column.howMarked', defaultMessage: 'How marked' }),
    late: t({ id: 'records.column.late', defaultMessage: 'Late' }),
    markedBy: t({ id: 'records.column.markedBy', defaultMessage: 'Marked by' }),
    marks: t({ id: 'records.column.marks', defaultMessage: 'Marks' }),
    meaning: t({ id: 'records.column.meaning', defaultMessage: 'Meaning' }),
    name: t({ id: 'records.column.name', defaultMessage: 'Name' }),
    present: t({ id: 'records.column.present', defaultMessage: 'Present' }),
    sessions: t({ id: 'records.column.sessions', defaultMessage: 'Sessions' }),
    status: t({ id: 'records.column.status', defaultMessage: 'Status' }),
    student: t({ id: 'records.column.student', defaultMessage: 'Student' }),
    studentId: t({ id: 'records.column.studentId', defaultMessage: 'Student ID' }),
    time: t({ id: 'records.column.time', defaultMessage: 'Time' }),
  };
}
