// A re-imported roster meets the guardians already on file: one the file names again (same
// school-system id, else same email, else same name) is updated in place and keeps its id, and so
// its notices; a new one is added; one the school added by hand stays.
import type { Guardian, GuardianInput } from '@rollcall/contracts';
import type { RosterGuardian } from './roster-guardians.ts';

const same = (a: Guardian, b: RosterGuardian) =>
  (a.sourceId !== null && a.sourceId === b.sourceId) ||
  (a.email !== null && b.email != null && a.email.toLowerCase() === b.email.toLowerCase()) ||
  a.name.trim().toLowerCase() === b.name.trim().toLowerCase();

const asInput = (g: Guardian): GuardianInput => ({
  id: g.id,
  name: g.name,
  relation: g.relation,
  email: g.email,
  phone: g.phone,
  language: g.language,
  mayContact: g.mayContact,
  sourceId: g.sourceId,
});

/** The list to send, or null when the file changes nothing. */
export function mergeGuardians(existing: Guardian[], incoming: RosterGuardian[]): GuardianInput[] | null {
  const out = existing.map(asInput);
  let changed = false;
  for (const g of incoming) {
    const at = existing.findIndex((e) => same(e, g));
    if (at < 0) {
      out.push(g);
      changed = true;
      continue;
    }
    const merged = { ...g, id: existing[at]!.id, sourceId: g.sourceId ?? existing[at]!.sourceId };
    if (Object.entries(merged).some(([k, v]) => (out[at]![k as keyof GuardianInput] ?? null) !== (v ?? null))) changed = true;
    out[at] = merged;
  }
  return changed ? out : null;
}
