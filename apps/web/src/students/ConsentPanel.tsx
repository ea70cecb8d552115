// A student's biometric consent on their page: the status now, recording a change (with who it is
// for and the paper form's reference), the history, and the subject export (everything stored).
import { useState, type FormEvent } from 'react';
import { CONSENT_STATUSES } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { useSetConsent, useStudentConsent } from '../data/remote.ts';
import { downloadText } from '../ui/download.ts';
import { errorText } from '../ui/messages.ts';
import { CONSENT_TEXT } from '../core/camera-free.ts';
import { ConsentFields, toChange, type ConsentDraft } from '../ui/ConsentFields.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
import { t, tx } from '../core/i18n.ts';
import { formatWhen } from '../ui/format.ts';

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
      <h3 id="consent-title">{t({ id: 'students.consent.title', defaultMessage: 'Consent to use their face' })}</h3>
      {consent.isPending ? (
        <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>
      ) : consent.error ? (
        <Alert>{errorText(consent.error)}</Alert>
      ) : (
        <p role="status">
          {tx(
            {
              id: 'students.consent.now',
              defaultMessage:
                'Consent: <strong>{status}</strong>. {cameraFree, select, yes {{name} is registered by hand (manual): the camera never recognises them.} other {{name} may be recognised by the camera.}}',
            },
            {
              status: CONSENT_TEXT[consent.data.status],
              cameraFree: consent.data.cameraFree ? 'yes' : 'no',
              name,
              strong: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
            },
          )}
        </p>
      )}
      <form onSubmit={save} aria-label={t({ id: 'students.consent.record', defaultMessage: 'Record consent' })}>
        <div className="grid-3">
          <ConsentFields value={draft} onChange={setDraft} statuses={CONSENT_STATUSES} />
        </div>
        {stops && (
          <p className="warning">
            {t(
              {
                id: 'students.consent.deletes',
                defaultMessage:
                  "Saving this deletes {name}'s face data now, here and on every classroom laptop at its next sync. They stay on their class lists and are marked by hand.",
              },
              { name },
            )}
          </p>
        )}
        <ErrorAlert error={set.error} />
        <div className="row">
          <button type="submit" className={stops ? 'danger' : 'primary'} disabled={set.isPending}>
            {t({ id: 'students.consent.record', defaultMessage: 'Record consent' })}
          </button>
          <button type="button" onClick={() => void exportAll()}>
            {t({ id: 'students.consent.export', defaultMessage: 'Download everything stored (subject export)' })}
          </button>
        </div>
        {exportError && <Alert>{exportError}</Alert>}
      </form>
      {consent.data && consent.data.history.length > 0 && (
        <>
          <h4>{t({ id: 'students.consent.history', defaultMessage: 'History' })}</h4>
          <ul className="consent-history" aria-label={t({ id: 'students.consent.historyLabel', defaultMessage: 'Consent history' })}>
            {consent.data.history.map((h) => (
              <li key={h.id}>
                {tx(
                  {
                    id: 'students.consent.entry',
                    defaultMessage:
                      '{when}: <strong>{status}</strong>{by, select, parent { by parent or guardian} student { by the student} other {}}, recorded by {recordedBy}{hasNote, select, yes { ({note})} other {}}{deleted, plural, =0 {} one {; # face record deleted} other {; # face records deleted}}',
                  },
                  {
                    when: formatWhen(h.at),
                    status: CONSENT_TEXT[h.status],
                    by: h.onBehalfOf ?? 'none',
                    recordedBy: h.recordedBy.name,
                    hasNote: h.note ? 'yes' : 'no',
                    note: h.note,
                    deleted: h.embeddingsDeleted,
                    strong: (chunks: React.ReactNode) => <strong>{chunks}</strong>,
                  },
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
