// The correction trail of a mark in sentences: who changed what, when, and why, as a teacher
// would say it ("Ms Okafor changed Late → Present at 6 Dec 2026, 09:12 — “bus was late”").
import { MarkStatus, type AuditEntry } from '@rollcall/contracts';
import { STATUS_TEXT } from '../ui/status-text.ts';
import { formatWhen } from '../ui/format.ts';

/** The status an audit entry's copy of the mark had, in words ("—" if it cannot be read). */
function statusIn(copy: unknown): string {
  const parsed = MarkStatus.safeParse((copy as { status?: unknown } | null)?.status);
  return parsed.success ? STATUS_TEXT[parsed.data] : '—';
}

export function auditSentence(a: Pick<AuditEntry, 'action' | 'before' | 'after' | 'reason' | 'by' | 'at'>): string {
  const who = a.by ?? 'Someone (not recorded)';
  const what = a.action === 'delete' ? `removed the mark (${statusIn(a.before)})` : `changed ${statusIn(a.before)} → ${statusIn(a.after)}`;
  return `${who} ${what} at ${formatWhen(a.at, 'minutes')}${a.reason ? ` — “${a.reason}”` : ''}`;
}

/** Who first made the mark, from the oldest entry's copy of it (a correction writes its own author on the mark). */
export function firstMarker(entries: readonly Pick<AuditEntry, 'before'>[]): string | null {
  const by = (entries[0]?.before as { markedBy?: unknown } | undefined)?.markedBy;
  return typeof by === 'string' ? by : null;
}
