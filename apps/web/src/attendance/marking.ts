// Making a mark on this device: a client UUID at once, the device's local time with its offset,
// written to the outbox (IndexedDB) before anything else, so closing the tab or losing the network
// loses nothing, and the API's idempotency on the UUID means it is never stored twice.
import type { NewMark } from '@rollcall/contracts';
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

/**
 * Who this device has marked, to skip a second mark in the same session or within the cooldown
 * before it is even made (the API enforces both as well, across devices).
 */
export class MarkedRegistry {
  private last = new Map<string, number>();
  constructor(private cooldownMs: number) {}
  setCooldown(ms: number) {
    this.cooldownMs = ms;
  }
  seed(studentIds: Iterable<string>, at: number) {
    for (const s of studentIds) this.last.set(s, at);
  }
  /** In a session a student is marked once; with no session, once per cooldown. */
  canMark(studentId: string, now: number, inSession: boolean): boolean {
    const at = this.last.get(studentId);
    if (at === undefined) return true;
    return !inSession && now - at >= this.cooldownMs;
  }
  record(studentId: string, at: number) {
    this.last.set(studentId, at);
  }
}

export async function makeMark(outbox: Outbox, m: { studentId: string; sessionId: string | null; similarity: number | null; method: 'face' | 'manual'; at?: Date }): Promise<NewMark> {
  const mark: NewMark = {
    id: crypto.randomUUID(),
    studentId: m.studentId,
    sessionId: m.sessionId,
    deviceId: deviceId(),
    markedAt: localIso(m.at ?? new Date()),
    method: m.method,
    similarity: m.similarity,
  };
  await outbox.enqueue(mark);
  return mark;
}
