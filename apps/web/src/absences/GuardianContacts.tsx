// How to reach a student's guardians from the absences list, loaded when asked: a phone number to
// call and an address to write to, and who asked not to be contacted.
import { useState } from 'react';
import type { Guardian } from '@rollcall/contracts';
import { errorText } from '../ui/messages.ts';
import { useGuardians } from '../data/absences.ts';

function Contact({ g }: { g: Guardian }) {
  return (
    <li>
      {g.name}
      {g.relation && ` (${g.relation})`}
      {!g.mayContact && <strong> · does not want to be contacted</strong>}
      {g.phone && (
        <>
          {' · '}
          <a href={`tel:${g.phone.replace(/[^\d+]/g, '')}`}>{g.phone}</a>
        </>
      )}
      {g.email && (
        <>
          {' · '}
          <a href={`mailto:${g.email}`}>{g.email}</a>
        </>
      )}
    </li>
  );
}

export function GuardianContacts({ studentId, name }: { studentId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const guardians = useGuardians(studentId, open);
  return (
    <div className="guardian-contacts">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide contacts' : 'Contacts'}
        <span className="sr-only"> of {name}’s guardians</span>
      </button>
      {open &&
        (guardians.error ? (
          <p className="error">{errorText(guardians.error)}</p>
        ) : !guardians.data ? (
          <p>Loading…</p>
        ) : guardians.data.items.length === 0 ? (
          <p className="hint">No guardians on record.</p>
        ) : (
          <ul className="plain">
            {guardians.data.items.map((g) => (
              <Contact key={g.id} g={g} />
            ))}
          </ul>
        ))}
    </div>
  );
}
