// The register as this device shows it: the server's register with this device's marks still in
// the outbox laid over it, so a mark made by hand (or by the camera) shows at once, offline too,
// and the marks the server confirmed since the register was asked for, so none goes missing in
// the second before the register is fetched again (or from the copy a reload offline shows).
import { compareNames } from '../../core/i18n.ts';
import type { ConfirmedMark } from '../../local/confirmed-marks.ts';
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

/** What is laid over a register: see registerView. */
export interface Overlay {
  /** This device's marks still in the outbox, in outbox order. */
  pending?: readonly NewMark[];
  /** Marks the server confirmed, oldest confirmation first. */
  confirmed?: readonly ConfirmedMark[];
  /** When the register was asked for (epoch ms): a mark confirmed before then is in it, or was overtaken by what is. */
  askedAt?: number;
}

/**
 * The register this device shows, rows in the reader's alphabetical order. Over the server's
 * register go, in the order the server applies them, the marks it confirmed after the register
 * was asked for (as it stored them) and then the marks still waiting to be sent. As on the server,
 * a later hand status wins over any mark, and a face mark never overrides a status the register
 * already has (the server calls it a duplicate) except the absent a session's end gave.
 */
export function registerView(register: Register, { pending = [], confirmed = [], askedAt = -Infinity }: Overlay = {}): RegisterView {
  const rows = new Map<string, ViewRow>(register.rows.map((r) => [r.studentId, { ...r, waiting: false }]));
  const { startsAt, lateAfterMinutes, id } = register.session;
  const target = (m: NewMark): ViewRow | null => {
    if (m.sessionId !== id) return null;
    const row = rows.get(m.studentId);
    if (!row) return null;
    const manual = m.method === 'manual' && m.status !== undefined;
    return manual || row.status === 'not-seen' || row.method === 'session-end' ? row : null;
  };
  for (const c of confirmed) {
    const row = c.confirmedAt >= askedAt ? target(c.mark) : null;
    if (row) rows.set(row.studentId, { ...storedRow(row, c, pendingStatus(c.mark, startsAt, lateAfterMinutes)), waiting: false });
  }
  for (const m of pending) {
    const row = target(m);
    if (!row) continue;
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

/**
 * A student's row as the server stores a confirmed mark: a hand status changes the student's mark
 * in place (its time kept), taking back removes it, anything else is the mark itself.
 */
function storedRow(row: RegisterRow, c: ConfirmedMark, decided: RegisterStatus): RegisterRow {
  const m = c.mark;
  const status = c.status ?? decided;
  if (status === 'not-seen') {
    return { ...row, status, markId: null, method: null, markedAt: null, markedBy: null, reason: null, similarity: null, deviceId: null };
  }
  if (m.method === 'manual' && m.status !== undefined && row.markId) return { ...row, status, method: m.method, reason: m.reason ?? null };
  return {
    ...row,
    status,
    markId: c.markId,
    method: m.method,
    markedAt: m.markedAt,
    markedBy: null,
    reason: m.reason ?? null,
    similarity: m.similarity ?? null,
    deviceId: m.deviceId,
  };
}
