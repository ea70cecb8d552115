// An attendance code's meaning as a reader sees it. The plain code set's meanings are Rollcall's
// own words, so while a school keeps them they are said in the reader's language; a meaning the
// school wrote, or an authority's (the DfE's), is the school's data and is shown as written.
import { PLAIN_CODES, type AttendanceCode, type MarkStatus } from '@rollcall/contracts';
import { t } from '../core/i18n.ts';

function plainMeaning(status: MarkStatus): string {
  switch (status) {
    case 'present':
      return t({ id: 'ui.plainCode.present', defaultMessage: 'Present' });
    case 'late':
      return t({ id: 'ui.plainCode.late', defaultMessage: 'Late' });
    case 'excused':
      return t({ id: 'ui.plainCode.excused', defaultMessage: 'Excused absence' });
    case 'absent':
      return t({ id: 'ui.plainCode.absent', defaultMessage: 'Absent' });
  }
}

export function codeMeaning(code: Pick<AttendanceCode, 'code' | 'meaning' | 'status'>): string {
  const plain = PLAIN_CODES.codes.some((c) => c.code === code.code && c.meaning === code.meaning && c.status === code.status);
  return plain ? plainMeaning(code.status) : code.meaning;
}
