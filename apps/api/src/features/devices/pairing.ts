// Pairing codes for classroom laptops: a short code stands in for the long device token for a
// few minutes, once. The code is first stretched with scrypt (as costly as checking a password),
// and from that key come both the row's lookup hash and the key that seals the device token: a
// copy of the table hands out no working token, and the server has no secret of its own to key
// a fast hash with, so each guess at a copied row costs what a password guess costs.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt, scrypt } from 'node:crypto';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '@rollcall/contracts';

/** Long enough to walk to the classroom and type it; short enough that a code on a sticky note soon means nothing. */
export const PAIRING_TTL_MS = 30 * 60_000;
/**
 * Wrong codes an address may send per window before wrong codes are answered "too many". A right
 * code is always let through, so a pupil guessing on the school network cannot lock the real
 * laptop out; what keeps guessing hopeless is 40 bits of code, 30 minutes of life and a scrypt
 * per guess (even at a hundred guesses a second, about one chance in five million per code over its life).
 */
export const PAIRING_ATTEMPTS = { perWindow: 10, windowMs: 15 * 60_000 };

const KDF = { N: 1 << 15, r: 8, p: 1 };

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** How a code is shown: two groups of four ("ABCD-EFGH"), easier to read out and type. */
export const displayCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/** The code stretched once per attempt; the salt is fixed because the row is found by the code alone. */
export function pairingKey(code: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(code, 'rollcall-pairing', 32, { ...KDF, maxmem: 256 * KDF.N * KDF.r }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** What the row is found by. */
export const pairingHash = (key: Buffer): string => createHmac('sha256', key).update('rollcall-pairing-lookup').digest('hex');

function sealKey(key: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, salt, 'rollcall-pairing-seal', 32));
}

export function sealToken(token: string, key: Buffer): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(key, salt), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([salt, iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The token, or null when the key does not open the seal. */
export function openToken(sealed: string, key: Buffer): string | null {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 45) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(key, raw.subarray(0, 16)), raw.subarray(16, 28));
    decipher.setAuthTag(raw.subarray(28, 44));
    return Buffer.concat([decipher.update(raw.subarray(44)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
