// Marks made on this device carry the device's wall clock with its offset (the school day is local),
// and a face mark the core made in doubt carries a reason the register shows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryOutboxStore, Outbox } from '@rollcall/sync';
import { FLAGGED_FACE_REASON, faceMarkReason, makeMark } from './marking.ts';

describe('a face mark made in doubt', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('carries a short reason for the teacher, not the scores behind it; a clear mark carries none', async () => {
    const doubt = 'may be a photo or a screen: the texture is unclear (live score 0.74 over 12 frames)';
    expect(faceMarkReason({ doubt })).toBe(FLAGGED_FACE_REASON);
    expect(faceMarkReason({})).toBeUndefined();

    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => kept.set(k, v) });
    const outbox = new Outbox(new MemoryOutboxStore());
    // The outbox validates each mark against the wire contract (a reason is at most 500 characters).
    const flagged = await makeMark(outbox, { studentId: 'S1', sessionId: null, similarity: 0.97, method: 'face', reason: faceMarkReason({ doubt }) });
    const clear = await makeMark(outbox, { studentId: 'S2', sessionId: null, similarity: 0.97, method: 'face', reason: faceMarkReason({}) });
    expect(flagged.reason).toBe(FLAGGED_FACE_REASON);
    expect('reason' in clear).toBe(false);
    expect((await outbox.refresh()).pending).toBe(2);
  });
});
