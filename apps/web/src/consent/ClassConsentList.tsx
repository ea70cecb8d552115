// One class's consent list: printable as it stands, and the place to record consent for the whole
// class at once (tick students, choose the status, record) from the returned paper forms.
import { useState } from 'react';
import { CONSENT_STATUSES } from '@rollcall/contracts';
import { useBulkConsent, useConsentReport } from '../data/remote.ts';
import { errorText } from '../ui/messages.ts';
import { CONSENT_TEXT, ON_BEHALF_TEXT } from '../core/camera-free.ts';
import { ConsentFields, toChange, type ConsentDraft } from '../ui/ConsentFields.tsx';
import { Alert, ErrorAlert } from '../ui/Alert.tsx';
import { compareNames, t } from '../core/i18n.ts';
import { formatDate } from '../ui/format.ts';

export function ClassConsentList({ classId, className }: { classId: string; className: string }) {
  const report = useConsentReport(classId);
  const bulk = useBulkConsent();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [draft, setDraft] = useState<ConsentDraft>({ status: 'granted', onBehalfOf: 'parent', note: '' });
  const { status } = draft;
  const [done, setDone] = useState<string | null>(null);
  // The server sorts by code point; people read names in their language's order.
  const students = [...(report.data?.students ?? [])].sort((a, b) => compareNames(a.name, b.name));
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
          const values = { status: CONSENT_TEXT[status], recorded, deleted };
          setDone(
            deleted
              ? t(
                  {
                    id: 'consent.class.recordedDeleted',
                    defaultMessage:
                      '{status} recorded for {recorded, plural, one {# student} other {# students}}; {deleted, plural, one {# face record deleted} other {# face records deleted}}.',
                  },
                  values,
                )
              : t({ id: 'consent.class.recorded', defaultMessage: '{status} recorded for {recorded, plural, one {# student} other {# students}}.' }, values),
          );
          setPicked(new Set());
          void report.refetch();
        },
      },
    );
  };

  if (report.isPending) return <p>{t({ id: 'common.loading', defaultMessage: 'Loading…' })}</p>;
  if (report.error) return <Alert>{errorText(report.error)}</Alert>;
  return (
    <div className="card">
      <div className="page-head">
        <h3>{t({ id: 'consent.class.title', defaultMessage: 'Consent list: {className}' }, { className })}</h3>
        <button type="button" className="no-print" onClick={() => window.print()}>
          {t({ id: 'consent.class.print', defaultMessage: 'Print this list' })}
        </button>
      </div>
      <p className="hint">
        {t(
          { id: 'consent.class.printed', defaultMessage: 'Printed {date}. Students marked “manual” are registered by hand, never by the camera.' },
          { date: formatDate(new Date()) },
        )}
      </p>
      <table className="list" aria-label={t({ id: 'consent.class.table', defaultMessage: 'Consent in {className}' }, { className })}>
        <thead>
          <tr>
            <th scope="col" className="no-print">
              <input
                type="checkbox"
                aria-label={t({ id: 'consent.class.selectAll', defaultMessage: 'Select every student' })}
                checked={students.length > 0 && picked.size === students.length}
                onChange={(e) => setPicked(e.target.checked ? new Set(students.map((s) => s.studentId)) : new Set())}
              />
            </th>
            <th scope="col">{t({ id: 'consent.class.column.student', defaultMessage: 'Student' })}</th>
            <th scope="col">{t({ id: 'consent.class.column.consent', defaultMessage: 'Consent' })}</th>
            <th scope="col">{t({ id: 'consent.class.column.by', defaultMessage: 'By' })}</th>
            <th scope="col">{t({ id: 'consent.class.column.recorded', defaultMessage: 'Recorded' })}</th>
            <th scope="col">{t({ id: 'consent.class.column.note', defaultMessage: 'Note' })}</th>
          </tr>
        </thead>
        <tbody>
          {students.map((s) => (
            <tr key={s.studentId}>
              <td className="no-print">
                <input
                  type="checkbox"
                  aria-label={t({ id: 'consent.class.select', defaultMessage: 'Select {name}' }, { name: s.name })}
                  checked={picked.has(s.studentId)}
                  onChange={() => toggle(s.studentId)}
                />
              </td>
              <td>
                {s.name} ({s.studentId}){s.cameraFree && <span className="badge manual">{t({ id: 'consent.class.manual', defaultMessage: 'manual' })}</span>}
              </td>
              <td>{CONSENT_TEXT[s.status]}</td>
              <td>{s.onBehalfOf ? ON_BEHALF_TEXT[s.onBehalfOf] : ''}</td>
              <td>{s.recordedAt ? formatDate(s.recordedAt) : ''}</td>
              <td>{s.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="no-print" aria-label={t({ id: 'consent.class.recordLabel', defaultMessage: 'Record consent for the selected students' })}>
        <legend>{t({ id: 'consent.class.recordFor', defaultMessage: 'Record for the {count} selected' }, { count: picked.size })}</legend>
        <div className="row">
          <ConsentFields value={draft} onChange={setDraft} statuses={CONSENT_STATUSES.filter((x) => x !== 'not-asked')} />
          <button type="button" className="primary" disabled={picked.size === 0 || bulk.isPending} onClick={record}>
            {t({ id: 'consent.class.record', defaultMessage: 'Record consent' })}
          </button>
        </div>
        {(status === 'refused' || status === 'withdrawn') && picked.size > 0 && (
          <p className="warning">{t({ id: 'consent.class.deletesFaces', defaultMessage: "This deletes the selected students' face data at once." })}</p>
        )}
        <ErrorAlert error={bulk.error} />
        {done && <p role="status">{done}</p>}
      </fieldset>
    </div>
  );
}
