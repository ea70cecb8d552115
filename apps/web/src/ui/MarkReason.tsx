// A mark's reason beside it in a register: a teacher's words in quotes ("Dentist"), or a camera
// mark made in doubt as a warning with what to check.
import type { MarkMethod } from '@rollcall/contracts';
import { isFlaggedFaceMark } from './status-text.ts';

export function MarkReason({ row }: { row: { method: MarkMethod | null; reason: string | null } }) {
  if (!row.reason) return null;
  if (isFlaggedFaceMark(row))
    return (
      <span className="register-flag">
        <span className="badge warn">Flagged</span>
        {row.reason}
      </span>
    );
  return <span className="hint register-reason">“{row.reason}”</span>;
}
