// A mark's reason beside it in a register: a teacher's words in quotes ("Dentist"), or a camera
// mark made in doubt as a warning with what to check.
import type { MarkMethod } from '@rollcall/contracts';
import { t } from '../core/i18n.ts';
import { isFlaggedFaceMark, reasonText } from './status-text.ts';

export function MarkReason({ row }: { row: { method: MarkMethod | null; reason: string | null } }) {
  if (!row.reason) return null;
  if (isFlaggedFaceMark(row))
    return (
      <span className="register-flag">
        <span className="badge warn">{t({ id: 'ui.markReason.flagged', defaultMessage: 'Flagged' })}</span>
        {reasonText(row)}
      </span>
    );
  return <span className="hint register-reason">{t({ id: 'ui.markReason.quoted', defaultMessage: '“{reason}”' }, { reason: row.reason })}</span>;
}
