// Who is calling, and which classes they may see. Admins see everything; a teacher sees the
// classes they teach; a classroom device sees the classes it was registered for.
import { ApiError } from '../http/errors.ts';

export type Actor =
  | {
      kind: 'user';
      id: string;
      /** Their name as read when the request was authenticated: what marks and audit entries record. */
      name: string;
      role: 'admin' | 'teacher';
      classIds: string[];
      /** The language the person chose for themselves (null: none), for what the API says to them. */
      language?: string | null;
      /** The revision of the last change of these classes, read before them: a sync answer built from them covers no later one. */
      scopeRevision?: number;
    }
  | {
      kind: 'device';
      id: string;
      name: string;
      classIds: string[];
      /** As a person's: the last change of its own classes (an admin's edit) or of its teacher's, whichever is later (0: neither changed). */
      scopeRevision?: number;
    };

export type Scope = { all: true } | { all: false; classIds: ReadonlySet<string> };

export const ALL: Scope = { all: true };

export function scopeOf(actor: Actor | null): Scope {
  if (actor?.kind === 'user' && actor.role === 'admin') return ALL;
  return { all: false, classIds: new Set(actor?.classIds ?? []) };
}

export function inScope(scope: Scope, classId: string | null | undefined): boolean {
  return scope.all || (!!classId && scope.classIds.has(classId));
}

export function assertClassInScope(scope: Scope, classId: string | null | undefined, what = 'class'): void {
  if (!inScope(scope, classId)) throw new ApiError('forbidden', `You have no access to this ${what}: it belongs to a class that is not yours.`);
}

/** The class ids a scoped query may touch, or null for "all". */
export const scopedClassIds = (scope: Scope): string[] | null => (scope.all ? null : [...scope.classIds]);
