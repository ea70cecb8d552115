// A student's biometric consent on their page: the status now, recording a change (with who it is
// for and the paper form's reference), the history, and the subject export (everything stored).
import { useState, type FormEvent } from 'react';
import { CONSENT_STATUSES } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { useSetConsent, useStudentConsent } from '../data/remote.ts';
import { downloadText } from '../ui/download.ts';
import { errorText } from '../ui/messages.ts';
import { CONSENT_TEXT, ON_BEHALF_TEXT } from '../core/camera-free.ts';
import { ConsentFields, toChange, type ConsentDraft } from '../ui/ConsentFields.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';

export function ConsentPanel({ studentId, name }: { studentId: string; name: string }) {
  const consent = useStudentConsent(studentId);
  const set = useSetConsent();
  const [draft, setDraft] = useState<ConsentDraft>({ status: 'granted', onBehalfOf: 'parent', note: '' });
  const [exportError, setExportError] = useState<string | null>(null);
  const stops = draft.status === 'refused' || draft.status === 'withdrawn';

  const save = (e: FormEvent) => {
    e.preventDefault();
    set.mutate({ params: { studentId }, body: toChange(draft) }, { onSuccess: () => setDraft({ ...draft, note: '' }) });
  };
  const exportAll = async () => {
    setExportError(null);
    try {
      const data = await call('exportStudent', { params: { studentId } });
      downloadText(`rollcall-${studentId}-export.json`, JSON.stringify(data, null, 2), 'application/json');
    } catch (err) {
      setExportError(errorText(err));
    }
  };

  return (
    <section className="card" aria-labelledby="consent-title">
      <h3 id="consent-title">Consent to use their face</h3>
      {consent.isPending ? (
        <p>Loading…</p>
      ) : consent.error ? (
        <Alert>{errorText(consent.error)}</Alert>
      ) : (
        <p role="status">
          Consent: <strong>{CONSENT_TEXT[consent.data.status]}</strong>.{' '}
          {consent.data.cameraFree ? `${name} is registered by hand (manual): the camera never recognises them.` : `${name} may be recognised by the camera.`}
        </p>
      )}
      <form onSubmit={save} aria-label="Record consent">
        <div className="grid-3">
          <ConsentFields value={draft} onChange={setDraft} statuses={CONSENT_STATUSES} />
        </div>
        {stops && (
          <p className="warning">
            Saving this deletes {name}&apos;s face data now, here and on every classroom laptop at its next sync. They stay on their class lists and are marked
            by hand.
          </p>
        )}
        <ErrorAlert error={set.error} />
        <div className="row">
          <button type="submit" className={stops ? 'danger' : 'primary'} disabled={set.isPending}>
            Record consent
          </button>
          <button type="button" onClick={() => void exportAll()}>
            Download everything stored (subject export)
          </button>
        </div>
        {exportError && <Alert>{exportError}</Alert>}
      </form>
      {consent.data && consent.data.history.length > 0 && (
        <>
          <h4>History</h4>
          <ul className="consent-history" aria-label="Consent history">
            {consent.data.history.map((h) => (
              <li key={h.id}>
                {new Date(h.at).toLocaleString()}: <strong>{CONSENT_TEXT[h.status]}</strong>
                {h.onBehalfOf && ` by ${ON_BEHALF_TEXT[h.onBehalfOf].toLowerCase()}`}, recorded by {h.recordedBy.name}
                {h.note && ` (${h.note})`}
                {h.embeddingsDeleted > 0 && `; ${h.embeddingsDeleted} face record${h.embeddingsDeleted === 1 ? '' : 's'} deleted`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
