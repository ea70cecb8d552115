// The last register this laptop saw of each class, kept in the device's database so a reload
// without network still shows the running session's register, and a session just ended still
// shows its final one. Read back through the contract: a copy that no longer fits is dropped.
import { Register } from '@rollcall/contracts';
import type { RollcallDb } from './db.ts';

export interface KeptRegister {
  register: Register;
  /** When this laptop last had it from the server (epoch ms). */
  savedAt: number;
}

const PREFIX = 'register.';

export async function keepRegister(db: RollcallDb, register: Register, savedAt = Date.now()): Promise<void> {
  await db.meta.put({ key: PREFIX + register.session.classId, value: { register, savedAt } });
}

export async function keptRegister(db: RollcallDb, classId: string): Promise<KeptRegister | null> {
  const value = (await db.meta.get(PREFIX + classId))?.value as { register?: unknown; savedAt?: unknown } | undefined;
  const register = Register.safeParse(value?.register);
  if (!register.success || typeof value?.savedAt !== 'number') return null;
  return { register: register.data, savedAt: value.savedAt };
}

/** Every kept register goes (a device wipe): they hold students' names. */
export async function forgetKeptRegisters(db: RollcallDb): Promise<void> {
  await db.meta.where('key').startsWith(PREFIX).delete();
}
