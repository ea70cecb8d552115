// How to reach a student's guardians from the absences list, loaded when asked: a phone number to
// call and an address to write to, and who asked not to be contacted.
import { useState, type ReactNode } from 'react';
import type { Guardian } from '@rollcall/contracts';
import { errorText } from '../ui/messages.ts';
import { useGuardians } from '../data/absences.ts';
import { t, tx } from '../core/i18n.ts';

function Contact({ g }: { g: Guardian }) {
  return (
    <li>
      {g.name}
      {g.relation && ` (${g.relation})`}
      {!g.mayContact && <strong> · {t({ id: 'absences.guardians.noContact', defaultMessage: 'does not want to be contacted' })}</strong>}
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
        {open
          ? tx(
              { id: 'absences.guardians.hide', defaultMessage: 'Hide contacts<sr> of {name}’s guardians</sr>' },
              {
                name,
                sr: (chunks: ReactNode[]) => (
                  <span key="sr" className="sr-only">
                    {chunks}
                  </span>
                ),
              },
            )
          : tx(
              { id: 'absences.guardians.show', defaultMessage: 'Contacts<sr> of {name}’s guardians</sr>' },
              {
                name,
                sr: (chunks: ReactNode[]) => (
                  <span key="sr" className="sr-only">
                    {chunks}
                  </span>
                ),
              },
            )}
      </button>
      {open &&
        (guardians.error ? (
          <p className="error">{errorText(guardians.error)}</p>
        ) : !guardians.data ? (
          <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
        ) : guardians.data.items.length === 0 ? (
          <p className="hint">{t({ id: 'absences.guardians.none', defaultMessage: 'No guardians on record.' })}</p>
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
