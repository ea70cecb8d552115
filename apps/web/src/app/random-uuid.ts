// crypto.randomUUID exists only on secure pages (and in browsers from 2021 on), while
// crypto.getRandomValues exists everywhere: where the first is missing, it is made from the second,
// so the ids of marks, review items and runs never crash the page.

/** A version-4 UUID from 16 random bytes (RFC 9562: version and variant bits set). */
export function uuidFromBytes(bytes: Uint8Array): `${string}-${string}-${string}-${string}-${string}` {
  const b = Uint8Array.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Gives `c.randomUUID` where the browser lacks it; leaves a native one alone. */
export function ensureRandomUUID(c: Crypto = globalThis.crypto): void {
  if (typeof c.randomUUID === 'function') return;
  Object.defineProperty(c, 'randomUUID', { value: () => uuidFromBytes(c.getRandomValues(new Uint8Array(16))), configurable: true });
}
