// One class's consent list: printable as it stands, and the place to record consent for the whole
// class at once (tick students, choose the status, record) from the returned paper forms.
import { useState } from 'react';
import { CONSENT_STATUSES } from '@rollcall/contracts';
import { useBulkConsent, useConsentReport } from '../data/remote.ts';
import { errorText } from '../ui/messages.ts';
import { CONSENT_TEXT, ON_BEHALF_TEXT } from '../core/camera-free.ts';
import { ConsentFields, toChange, type ConsentDraft } from '../ui/ConsentFields.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';

export function ClassConsentList({ classId, className }: { classId: string; className: string }) {
  const report = useConsentReport(classId);
  const bulk = useBulkConsent();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [draft, setDraft] = useState<ConsentDraft>({ status: 'granted', onBehalfOf: 'parent', note: '' });
  const { status } = draft;
  const [done, setDone] = useState<string | null>(null);
  const students = report.data?.students ?? [];
  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const record = () => {
    setDone(null);
    const entries = [...picked].map((studentId) => ({ studentId, ...toChange(draft) }));
    bulk.mutate(
      { body: { entries } },
      {
        onSuccess: (r) => {
          const recorded = r.results.filter((x) => x.outcome === 'recorded').length;
          const deleted = r.results.reduce((n, x) => n + x.embeddingsDeleted, 0);
          setDone(`${CONSENT_TEXT[status]} recorded for ${recorded} student${recorded === 1 ? '' : 's'}${deleted ? `; ${deleted} face records deleted` : ''}.`);
          setPicked(new Set());
          void report.refetch();
        },
      },
    );
  };

  if (report.isPending) return <p>Loading…</p>;
  if (report.error) return <Alert>{errorText(report.error)}</Alert>;
  return (
    <div className="card">
      <div className="page-head">
        <h3>Consent list: {className}</h3>
        <button type="button" className="no-print" onClick={() => window.print()}>
          Print this list
        </button>
      </div>
      <p className="hint">Printed {new Date().toLocaleDateString()}. Students marked “manual” are registered by hand, never by the camera.</p>
      <table className="list" aria-label={`Consent in ${className}`}>
        <thead>
          <tr>
            <th scope="col" className="no-print">
              <input
                type="checkbox"
                aria-label="Select every student"
                checked={students.length > 0 && picked.size === students.length}
                onChange={(e) => setPicked(e.target.checked ? new Set(students.map((s) => s.studentId)) : new Set())}
              />
            </th>
            <th scope="col">Student</th>
            <th scope="col">Consent</th>
            <th scope="col">By</th>
            <th scope="col">Recorded</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {students.map((s) => (
            <tr key={s.studentId}>
              <td className="no-print">
                <input type="checkbox" aria-label={`Select ${s.name}`} checked={picked.has(s.studentId)} onChange={() => toggle(s.studentId)} />
              </td>
              <td>
                {s.name} ({s.studentId}){s.cameraFree && <span className="badge manual">manual</span>}
              </td>
              <td>{CONSENT_TEXT[s.status]}</td>
              <td>{s.onBehalfOf ? ON_BEHALF_TEXT[s.onBehalfOf] : ''}</td>
              <td>{s.recordedAt ? new Date(s.recordedAt).toLocaleDateString() : ''}</td>
              <td>{s.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="no-print" aria-label="Record consent for the selected students">
        <legend>Record for the {picked.size} selected</legend>
        <div className="row">
          <ConsentFields value={draft} onChange={setDraft} statuses={CONSENT_STATUSES.filter((x) => x !== 'not-asked')} />
          <button type="button" className="primary" disabled={picked.size === 0 || bulk.isPending} onClick={record}>
            Record consent
          </button>
        </div>
        {(status === 'refused' || status === 'withdrawn') && picked.size > 0 && (
          <p className="warning">This deletes the selected students&apos; face data at once.</p>
        )}
        <ErrorAlert error={bulk.error} />
        {done && <p role="status">{done}</p>}
      </fieldset>
    </div>
  );
}
