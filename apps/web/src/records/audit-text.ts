// The correction trail of a mark in sentences: who changed what, when, and why, as a teacher
// would say it ("Ms Okafor changed Late → Present at 6 Dec 2026, 09:12 — “bus was late”").
import { MarkStatus, type AuditEntry } from '@rollcall/contracts';
import { t } from '../core/i18n.ts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { formatWhen } from '../ui/format.ts';

/** The status an audit entry's copy of the mark had, in words ("—" if it cannot be read). */
function statusIn(copy: unknown): string {
  const parsed = MarkStatus.safeParse((copy as { status?: unknown } | null)?.status);
  return parsed.success ? STATUS_TEXT[parsed.data] : '—';
}

export function auditSentence(a: Pick<AuditEntry, 'action' | 'before' | 'after' | 'reason' | 'by' | 'at'>): string {
  // One sentence for the translator, whoever did it, whatever they did, with or without a reason.
  return t(
    {
      id: 'records.audit.sentence',
      defaultMessage:
        '{action, select, delete {{author, select, known {{by}} other {Someone (not recorded)}} removed the mark ({before}) at {when}} other {{author, select, known {{by}} other {Someone (not recorded)}} changed {before} → {after} at {when}}}{hasReason, select, yes { — “{reason}”} other {}}',
    },
    {
      action: a.action === 'delete' ? 'delete' : 'update',
      author: (a.by ?? null) === null ? 'unknown' : 'known',
      by: a.by,
      before: statusIn(a.before),
      after: statusIn(a.after),
      when: formatWhen(a.at, 'minutes'),
      hasReason: a.reason ? 'yes' : 'no',
      reason: a.reason,
    },
  );
}

/** Who first made the mark, from the oldest entry's copy of it (a correction writes its own author on the mark). */
export function firstMarker(entries: readonly Pick<AuditEntry, 'before'>[]): string | null {
  const by = (entries[0]?.before as { markedBy?: unknown } | undefined)?.markedBy;
  return typeof by === 'string' ? by : null;
}
