// A guardian as the editor holds it (every field a string, as inputs give them) and back to what the
// API takes: empty fields become null, so clearing a phone number removes it.
import type { Guardian, GuardianInput } from '@rollcall/contracts';

export interface GuardianDraft {
  /** The server's id; empty for a guardian not saved yet. */
  id: string;
  /** Tells rows apart while editing, saved or not. */
  key: string;
  name: string;
  relation: string;
  email: string;
  phone: string;
  language: string;
  mayContact: boolean;
  sourceId: string | null;
}

let n = 0;

export const toDraft = (g: Guardian): GuardianDraft => ({
  id: g.id,
  key: g.id,
  name: g.name,
  relation: g.relation ?? '',
  email: g.email ?? '',
  phone: g.phone ?? '',
  language: g.language ?? '',
  mayContact: g.mayContact,
  sourceId: g.sourceId,
});

export const emptyDraft = (): GuardianDraft => ({
  id: '',
  key: `new-${++n}`,
  name: '',
  relation: '',
  email: '',
  phone: '',
  language: '',
  mayContact: true,
  sourceId: null,
});

const orNull = (v: string) => (v.trim() ? v.trim() : null);

export const fromDraft = (d: GuardianDraft): GuardianInput => ({
  ...(d.id && { id: d.id }),
  name: d.name.trim(),
  relation: orNull(d.relation),
  email: orNull(d.email),
  phone: orNull(d.phone),
  language: orNull(d.language),
  mayContact: d.mayContact,
  sourceId: d.sourceId,
});
