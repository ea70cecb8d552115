// Privacy, for admins: the consent policy, how long marks are kept, how many students have
// consent (school and per class), each class's printable consent list, and the change history.
import { useState } from 'react';
import type { ConsentCounts } from '@rollcall/contracts';
import { useConsentReport, usePrivacySettings, useUpdatePrivacySettings } from '../data/remote.ts';
import { errorText } from '../ui/messages.ts';
import { CONSENT_TEXT } from '../core/camera-free.ts';
import { ClassConsentList } from './ClassConsentList.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';

function Counts({ counts }: { counts: ConsentCounts }) {
  return (
    <span className="counts">
      {(Object.keys(CONSENT_TEXT) as (keyof ConsentCounts)[]).map((k) => (
        <span key={k}>
          {CONSENT_TEXT[k]}: <strong>{counts[k]}</strong>
        </span>
      ))}
    </span>
  );
}

function Settings() {
  const settings = usePrivacySettings();
  const update = useUpdatePrivacySettings();
  const [days, setDays] = useState<string | null>(null);
  if (settings.isPending) return <p>Loading…</p>;
  if (settings.error) return <Alert>{errorText(settings.error)}</Alert>;
  const s = settings.data;
  const dayText = days ?? (s.retentionDays === null ? '' : String(s.retentionDays));
  const saveRetention = () => update.mutate({ body: { retentionDays: dayText.trim() === '' ? null : Number(dayText) } }, { onSuccess: () => setDays(null) });
  return (
    <div className="card no-print">
      <h3>Consent policy</h3>
      <label className="inline">
        <input
          type="checkbox"
          checked={s.consentRequired}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ body: { consentRequired: e.target.checked } })}
        />{' '}
        Require recorded consent before a student&apos;s face is used
      </label>
      <p className="hint">
        {s.consentRequired
          ? 'On: only students with consent granted are enrolled and recognised; everyone else is registered by hand.'
          : 'Off: the school relies on another lawful basis. Students whose consent was refused or withdrawn are still never enrolled.'}
      </p>
      <h3>Keeping attendance marks</h3>
      <div className="row">
        <label>
          Delete marks older than (days; empty keeps them)
          <input type="number" min={1} max={36500} value={dayText} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="button" onClick={saveRetention} disabled={update.isPending}>
          Save
        </button>
      </div>
      <p className="hint">
        {s.retentionFromDefault ? 'Using the server default' : 'Set here'}
        {s.retentionDefaultDays !== null ? ` (server default: ${s.retentionDefaultDays} days).` : ' (no server default: keep).'}
      </p>
      <ErrorAlert error={update.error} />
      {s.history.length > 0 && (
        <>
          <h4>Changes</h4>
          <ul className="consent-history" aria-label="Privacy setting changes">
            {s.history.map((h, i) => (
              <li key={i}>
                {new Date(h.at).toLocaleString()}: {h.key === 'consent.required' ? 'consent policy' : 'mark retention (days)'} {h.before ?? 'default'} →{' '}
                {h.after ?? 'default'}, by {h.by.name}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function PrivacyPage() {
  const report = useConsentReport(null);
  const [classId, setClassId] = useState<string>('');
  const chosen = report.data?.classes.find((c) => c.id === classId);
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title" className="no-print">
        Privacy
      </h2>
      <Settings />
      <div className="card no-print">
        <h3>Consent so far</h3>
        {report.data ? (
          <>
            <p>
              Whole school: <Counts counts={report.data.counts} />
            </p>
            <table className="list" aria-label="Consent per class">
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">Consent</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.data.classes.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>
                      <Counts counts={c.counts} />
                    </td>
                    <td>
                      <button type="button" className="link" onClick={() => setClassId(c.id)} aria-label={`Consent list for ${c.name}`}>
                        Consent list
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : report.error ? (
          <Alert>{errorText(report.error)}</Alert>
        ) : (
          <p>Loading…</p>
        )}
      </div>
      {chosen && <ClassConsentList key={chosen.id} classId={chosen.id} className={chosen.name} />}
    </section>
  );
}
