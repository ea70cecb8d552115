// Making a mark on this device: a client UUID at once, the device's local time with its offset,
// written to the outbox (IndexedDB) before anything else, so closing the tab or losing the network
// loses nothing, and the API's idempotency on the UUID means it is never stored twice.
import type { NewMark, RegisterStatus } from '@rollcall/contracts';
import type { MarkDecision } from '@rollcall/recognition';
import type { Outbox } from '@rollcall/sync';
import { deviceId } from '../local/device-state.ts';

/** 2026-11-24T08:59:03.120+01:00: the device's wall clock, which decides the school day. */
export function localIso(date: Date): string {
  const off = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + off * 60_000).toISOString().slice(0, 23);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export async function makeMark(
  outbox: Outbox,
  m: { studentId: string; sessionId: string | null; similarity: number | null; method: 'face' | 'manual'; at?: Date; status?: RegisterStatus; reason?: string },
): Promise<NewMark> {
  const mark: NewMark = {
    id: crypto.randomUUID(),
    studentId: m.studentId,
    sessionId: m.sessionId,
    deviceId: deviceId(),
    markedAt: localIso(m.at ?? new Date()),
    method: m.method,
    similarity: m.similarity,
    // A status set by hand in the register (the server changes the student's mark in the session).
    ...(m.status && { status: m.status }),
    ...(m.reason && { reason: m.reason }),
  };
  await outbox.enqueue(mark);
  return mark;
}

/**
 * The reason a face mark carries when the recognition core marked it in doubt (motion said live,
 * the skin texture was unclear, and the school chose to mark and flag such faces): the register
 * and its CSV show it beside the mark. The core's own words, with the texture score, are for the
 * review queue and the logs; a teacher needs what to do.
 */
export const FLAGGED_FACE_REASON = 'May have been a photo or a screen: check the student was here';

export const faceMarkReason = (m: Pick<MarkDecision, 'doubt'>): string | undefined => (m.doubt ? FLAGGED_FACE_REASON : undefined);
