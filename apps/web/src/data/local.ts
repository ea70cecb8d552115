// Hooks over the local cache (Dexie live queries): the roster the device recognises from, which
// keeps working offline.
import { useEffect, useState } from 'react';
import { enrolmentStrength, type EnrolmentStrength } from '@rollcall/recognition';
import { services } from '../app/services.ts';
import type { CachedClass, CachedStudent } from '../local/db.ts';
import { subscribeLive } from '../local/live.ts';

function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(
    () => subscribeLive(query, setValue),
    // The caller's deps key the query; lint checks them at each call site (additionalHooks: useLive).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
  return value;
}

export interface RosterStudent extends CachedStudent {
  /** Embeddings of the running model on this device. */
  faces: number;
  /** How many different views they hold, and what to add (near-copies count once). */
  strength: EnrolmentStrength;
}

export function useCachedStudents(search: string): RosterStudent[] | undefined {
  return useLive(
    async () => {
      const q = search.trim().toLowerCase();
      const [students, embeddings] = await Promise.all([
        services.db.students.orderBy('studentId').toArray(),
        services.db.embeddings.where('modelId').equals(services.gallery.modelId).toArray(),
      ]);
      const vectors = new Map<string, Float32Array[]>();
      for (const e of embeddings) vectors.set(e.studentId, [...(vectors.get(e.studentId) ?? []), e.vector]);
      return students
        .filter((s) => !q || s.studentId.toLowerCase().includes(q) || s.name.toLowerCase().includes(q))
        .map((s) => {
          const strength = enrolmentStrength(vectors.get(s.studentId) ?? []);
          return { ...s, faces: strength.photos, strength };
        });
    },
    [search],
    undefined as RosterStudent[] | undefined,
  );
}

export function useCachedClasses(): CachedClass[] | undefined {
  return useLive(() => services.db.classes.orderBy('name').toArray(), [], undefined as CachedClass[] | undefined);
}
