// Making a mark on this device: a client UUID at once, the device's local time with its offset,
// written to the outbox (IndexedDB) before anything else, so closing the tab or losing the network
// loses nothing, and the API's idempotency on the UUID means it is never stored twice.
import { deviceIso, type NewMark, type RegisterStatus } from '@rollcall/contracts';
import type { MarkDecision } from '@rollcall/recognition';
import type { Outbox } from '@rollcall/sync';
import { deviceId } from '../local/device-state.ts';

export async function makeMark(
  outbox: Outbox,
  m: { studentId: string; sessionId: string | null; similarity: number | null; method: 'face' | 'manual'; at?: Date; status?: RegisterStatus; reason?: string },
): Promise<NewMark> {
  const mark: NewMark = {
    id: crypto.randomUUID(),
    studentId: m.studentId,
    sessionId: m.sessionId,
    deviceId: deviceId(),
    // The device's wall clock with its offset decides the school day.
    markedAt: deviceIso(m.at ?? new Date()),
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
