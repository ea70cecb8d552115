// The register this laptop kept of a class (a live query: it follows each save).
import { useEffect, useState } from 'react';
import { services } from '../app/services.ts';
import { keptRegister, type KeptRegister } from '../local/kept-registers.ts';
import { subscribeLive } from '../local/live.ts';

export function useKeptRegister(classId: string | null): KeptRegister | null {
  const [kept, setKept] = useState<{ classId: string; value: KeptRegister | null } | null>(null);
  useEffect(() => {
    if (!classId) return;
    return subscribeLive(
      () => keptRegister(services.db, classId),
      (value) => setKept({ classId, value }),
    );
  }, [classId]);
  // A copy read for the class chosen before is not this class's.
  return kept && kept.classId === classId ? kept.value : null;
}
