// The register as this device shows it: the server's register with this device's marks still in
// the outbox laid over it, so a mark made by hand (or by the camera) shows at once, offline too.
import { compareNames } from '../../core/i18n.ts';
import { countRegister, type NewMark, type Register, type RegisterCounts, type RegisterRow, type RegisterStatus } from '@rollcall/contracts';

export interface ViewRow extends RegisterRow {
  /** This device's mark for the student is still waiting to be sent. */
  waiting: boolean;
}

export interface RegisterView {
  rows: ViewRow[];
  counts: RegisterCounts;
}

/** The status a pending mark will get on the server (present or late by the session's threshold, unless set by hand). */
export function pendingStatus(mark: NewMark, startsAt: string, lateAfterMinutes: number): RegisterStatus {
  if (mark.status) return mark.status;
  return Date.parse(mark.markedAt) > Date.parse(startsAt) + lateAfterMinutes * 60_000 ? 'late' : 'present';
}

/**
 * Rows in the reader's alphabetical order. Pending marks in outbox order: a later one wins. A face mark never overrides a status the
 * register already has (the server would call it a duplicate); a manual status always does.
 */
export function registerView(register: Register, pending: readonly NewMark[]): RegisterView {
  const rows = new Map<string, ViewRow>(register.rows.map((r) => [r.studentId, { ...r, waiting: false }]));
  const { startsAt, lateAfterMinutes, id } = register.session;
  for (const m of pending) {
    if (m.sessionId !== id) continue;
    const row = rows.get(m.studentId);
    if (!row) continue;
    const manual = m.method === 'manual' && m.status !== undefined;
    if (!manual && row.status !== 'not-seen' && row.method !== 'session-end') continue;
    rows.set(m.studentId, {
      ...row,
      status: pendingStatus(m, startsAt, lateAfterMinutes),
      method: m.method,
      reason: m.reason ?? null,
      markedAt: m.markedAt,
      waiting: true,
    });
  }
  // The server sorts names by bytes ("Zoë" before "Łukasz"): the roster is put in the reader's
  // alphabetical order here, with students marked but not on the roster after it, as the server has them.
  const list = [...rows.values()].sort((a, b) => Number(b.onRoster) - Number(a.onRoster) || compareNames(a.name, b.name));
  return { rows: list, counts: countRegister(list) };
}
