// Hooks over the local cache (Dexie live queries): the roster the device recognises from, which
// keeps working offline.
import { enrolmentStrength, type EnrolmentStrength } from '@rollcall/recognition';
import { matchesName } from '../core/i18n.ts';
import { services } from '../core/services.ts';
import type { CachedClass, CachedStudent } from '../local/db.ts';
import { useLive } from '../local/live.ts';

export interface RosterStudent extends CachedStudent {
  /** Embeddings of the running model on this device from enrolment photos. */
  faces: number;
  /** How many different views their enrolment photos hold, and what to add (near-copies count once). */
  strength: EnrolmentStrength;
  /** Embeddings of the running model learned from clear recognitions (capped; they do not replace photos). */
  learned: number;
}

export function useCachedStudents(search: string): RosterStudent[] | undefined {
  return useLive(
    async () => {
      const q = search.trim().toLowerCase();
      const [students, embeddings] = await Promise.all([
        services.db.students.orderBy('studentId').toArray(),
        services.db.embeddings.where('modelId').equals(services.gallery.modelId).toArray(),
      ]);
      const photos = new Map<string, Float32Array[]>();
      const learned = new Map<string, number>();
      for (const e of embeddings) {
        if (e.origin === 'sighting') learned.set(e.studentId, (learned.get(e.studentId) ?? 0) + 1);
        else {
          const list = photos.get(e.studentId);
          if (list) list.push(e.vector);
          else photos.set(e.studentId, [e.vector]);
        }
      }
      return (
        students
          // A name by the language's rules ("lukasz" finds "Łukasz"), an ID as typed.
          .filter((s) => !q || s.studentId.toLowerCase().includes(q) || matchesName(s.name, q))
          .map((s) => {
            const strength = enrolmentStrength(photos.get(s.studentId) ?? []);
            return { ...s, faces: strength.photos, strength, learned: learned.get(s.studentId) ?? 0 };
          })
      );
    },
    [search],
    undefined as RosterStudent[] | undefined,
  );
}

/** The student's enrolment-photo embeddings of the running model on this device (learned ones left out). */
export function usePhotoVectors(studentId: string | null): Float32Array[] {
  return useLive(
    async () =>
      studentId === null
        ? []
        : (await services.db.embeddings.where('studentId').equals(studentId).toArray())
            .filter((e) => e.modelId === services.gallery.modelId && e.origin !== 'sighting')
            .map((e) => e.vector),
    [studentId],
    [] as Float32Array[],
  );
}

export function useCachedClasses(): CachedClass[] | undefined {
  return useLive(() => services.db.classes.orderBy('name').toArray(), [], undefined as CachedClass[] | undefined);
}
