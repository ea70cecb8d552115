// Paths given on the command line are relative to where the user ran `pnpm rollcall`, not to
// apps/cli where pnpm starts the script; pnpm passes that directory as INIT_CWD.
import { resolve } from 'node:path';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function resolveUserPath(p: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), p);
}
