// Pairing codes for classroom laptops: a short code stands in for the long device token for a
// few minutes, once. The token is stored only sealed with a key derived from the code (AES-GCM),
// and the code only as a hash, so a copy of the table hands out no working token on its own.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '@rollcall/contracts';

/** Long enough to walk to the classroom and type it; short enough that a code on a sticky note soon means nothing. */
export const PAIRING_TTL_MS = 30 * 60_000;
/** Wrong codes an address may try per window before it is made to wait (40 bits of code make guessing hopeless anyway). */
export const PAIRING_ATTEMPTS = { perWindow: 10, windowMs: 15 * 60_000 };

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** How a code is shown: two groups of four ("ABCD-EFGH"), easier to read out and type. */
export const displayCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

export const pairingHash = (code: string): string => createHash('sha256').update(`rollcall-pairing\u0000${code}`).digest('hex');

function keyFor(code: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', code, salt, 'rollcall-pairing-seal', 32));
}

export function sealToken(token: string, code: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(code, salt), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([salt, iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The token, or null when the code does not open the seal. */
export function openToken(sealed: string, code: string): string | null {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 45) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(code, raw.subarray(0, 16)), raw.subarray(16, 28));
    decipher.setAuthTag(raw.subarray(28, 44));
    return Buffer.concat([decipher.update(raw.subarray(44)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
