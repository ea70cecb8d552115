// The register this laptop kept of a class (a live query: it follows each save).
import { services } from '../../core/services.ts';
import { keptRegister, type KeptRegister } from '../../local/kept-registers.ts';
import { useLive } from '../../local/live.ts';

export function useKeptRegister(classId: string | null): KeptRegister | null {
  const kept = useLive(async () => (classId ? { classId, value: await keptRegister(services.db, classId) } : null), [classId], null);
  // A copy read for the class chosen before is not this class's.
  return kept && kept.classId === classId ? kept.value : null;
}
