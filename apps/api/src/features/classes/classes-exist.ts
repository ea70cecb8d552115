// "Do these classes exist?": asked by users, devices, sessions, consent and the register through
// the classes service, answered one way (class-not-found, listing the unknown ids).
import { ApiError } from '../../http/errors.ts';
import type { Executor } from '../../shared/context.ts';
import { missingClassIds } from './classes.repository.ts';

export async function assertClassesExist(db: Executor, ids: readonly string[]): Promise<void> {
  const missing = await missingClassIds(db, [...new Set(ids)]);
  if (missing.length === 0) return;
  const message = missing.length === 1 ? `No class with id ${missing[0]}.` : `Unknown class ids: ${missing.join(', ')}.`;
  throw new ApiError('class-not-found', message, { missing });
}
