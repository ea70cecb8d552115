// The last register this laptop saw of each class, kept in the device's database so a reload
// without network still shows the running session's register, and a session just ended still
// shows its final one. Read back through the contract: a copy that no longer fits is dropped.
// The marks confirmed after the copy was asked for are kept beside it (confirmed-marks.ts) and
// laid over it when it is shown.
import { Register } from '@rollcall/contracts';
import { forgetConfirmedBefore } from './confirmed-marks.ts';
import type { RollcallDb } from './db.ts';

export interface KeptRegister {
  register: Register;
  /** When this laptop last had it from the server (epoch ms). */
  savedAt: number;
  /** When it was asked for (epoch ms): marks confirmed from then on may be missing from it. */
  askedAt: number;
}

const PREFIX = 'register.';

/**
 * Keeps a register asked for at `askedAt`, unless the copy kept of its session was asked for
 * later, and forgets the confirmed marks of its session that it holds.
 */
export async function keepRegister(db: RollcallDb, register: Register, askedAt: number, savedAt = Date.now()): Promise<void> {
  const key = PREFIX + register.session.classId;
  await db.transaction('rw', db.meta, async () => {
    const kept = await read(db, key);
    if (kept && kept.register.session.id === register.session.id && kept.askedAt > askedAt) return;
    await db.meta.put({ key, value: { register, savedAt, askedAt } });
    await forgetConfirmedBefore(db, register.session.id, askedAt);
  });
}

export function keptRegister(db: RollcallDb, classId: string): Promise<KeptRegister | null> {
  return read(db, PREFIX + classId);
}

async function read(db: RollcallDb, key: string): Promise<KeptRegister | null> {
  const value = (await db.meta.get(key))?.value as { register?: unknown; savedAt?: unknown; askedAt?: unknown } | undefined;
  const register = Register.safeParse(value?.register);
  if (!register.success || typeof value?.savedAt !== 'number') return null;
  // A copy kept before the time it was asked for was kept: its save time is the nearest there is.
  const askedAt = typeof value.askedAt === 'number' ? value.askedAt : value.savedAt;
  return { register: register.data, savedAt: value.savedAt, askedAt };
}

/** Every kept register goes (a device wipe), and the confirmed marks kept beside them: they hold students' names and ids. */
export async function forgetKeptRegisters(db: RollcallDb): Promise<void> {
  await db.meta.where('key').startsWith(PREFIX).delete();
}
