// Opaque secrets (session ids, API tokens) and their stored hashes. A token says what it is by
// its prefix (rcp_ personal, rcd_ device, so leaked ones are easy to spot in logs and scanners).
import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'personal' | 'device';
const PREFIX: Record<TokenKind, string> = { personal: 'rcp_', device: 'rcd_' };

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const newToken = (kind: TokenKind): string => PREFIX[kind] + newSecret();
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function tokenKind(token: string): TokenKind | null {
  if (token.startsWith(PREFIX.personal)) return 'personal';
  if (token.startsWith(PREFIX.device)) return 'device';
  return null;
}
