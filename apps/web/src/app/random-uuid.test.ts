import { describe, expect, it } from 'vitest';
import { ensureRandomUUID, uuidFromBytes } from './random-uuid.ts';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUUID fallback', () => {
  it('makes a version-4 UUID from random bytes', () => {
    expect(uuidFromBytes(new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidFromBytes(new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('fills in a missing randomUUID from getRandomValues, and keeps a native one', () => {
    const insecure = {
      getRandomValues: <T extends ArrayBufferView>(a: T) => globalThis.crypto.getRandomValues(a as unknown as Uint8Array) as unknown as T,
    } as Crypto;
    ensureRandomUUID(insecure);
    const a = insecure.randomUUID();
    expect(a).toMatch(V4);
    expect(insecure.randomUUID()).not.toBe(a);
    const native = globalThis.crypto.randomUUID;
    ensureRandomUUID(globalThis.crypto);
    expect(globalThis.crypto.randomUUID).toBe(native);
  });
});
